//! Run-time benchmark: build one approval card and encode the im/v1 send body.
//!
//! `card!` + the runtime's real encoder against `json!` + `to_string` + wrapping the string as
//! `content` in a second `json!` + `to_string` (what a user without this crate writes, escaping
//! the values put into markdown as `card!` does). Both
//! produce the same body (checked before measuring). Target (design.md): card!/json! <= 1.0.
//!
//! `cargo bench --bench build_encode` measures and prints the ratios: from criterion's estimates,
//! and from an interleaved A/B run that is steadier on a busy machine. Under `cargo test`
//! criterion runs each routine once, so the equality check still runs in CI.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use card_runtime::markdown::escape;
use card_runtime::{Card, ReceiveId, SendCardBody, card};
use criterion::Criterion;
use serde_json::{Value, json};

const GROUP: &str = "build_encode";
const RECEIVE_ID: &str = "ou_7d8a6e6df7621556ce0d21922b676706ccs";
const UUID: &str = "a0d69e20-1dd1-458b-b525-dfeca4015204";

/// The runtime values of one approval, as an application would pass them.
struct Approval<'a> {
    applicant: &'a str,
    kind: &'a str,
    period: &'a str,
    reason: &'a str,
    id: u64,
}

const APPROVAL: Approval<'static> = Approval {
    applicant: "王晓磊",
    kind: "年假",
    period: "2020-4-8 至 2020-4-10（共3天）",
    reason: "因家中有急事，需往返老家，故请假",
    id: 7_305_412_997,
};

fn macro_card(a: &Approval<'_>) -> Card {
    let Approval {
        applicant,
        kind,
        period,
        reason,
        id,
    } = *a;
    card! {
        <card>
            <header template="blue" title="休假申请 #0：请审批"/>
            <div>
                <field is_short><lark_md>"**申请人**\n{applicant}"</lark_md></field>
                <field is_short><lark_md>"**类型**\n{kind}"</lark_md></field>
                <field is_short><lark_md>"**时间**\n{period}"</lark_md></field>
                <field is_short><lark_md>"**事由**\n{reason}"</lark_md></field>
            </div>
            <hr/>
            <action>
                <button type="primary" value={ "action": "approve", "id": id }>"批准"</button>
                <button type="danger" value={ "action": "decline", "id": id }>"拒绝"</button>
            </action>
            <note>"审批流 0 · 由审批系统自动发送"</note>
        </card>
    }
}

fn macro_body(to: &ReceiveId, a: &Approval<'_>) -> String {
    let card = macro_card(a);
    SendCardBody::new(to, &card).uuid(UUID).to_json()
}

fn json_card(a: &Approval<'_>) -> Value {
    let Approval {
        applicant,
        kind,
        period,
        reason,
        id,
    } = *a;
    json!({
        "header": {
            "template": "blue",
            "title": {"tag": "plain_text", "content": "休假申请 #0：请审批"}
        },
        "elements": [
            {
                "tag": "div",
                "fields": [
                    {"is_short": true, "text": {"tag": "lark_md", "content": format!("**申请人**\n{}", escape(applicant))}},
                    {"is_short": true, "text": {"tag": "lark_md", "content": format!("**类型**\n{}", escape(kind))}},
                    {"is_short": true, "text": {"tag": "lark_md", "content": format!("**时间**\n{}", escape(period))}},
                    {"is_short": true, "text": {"tag": "lark_md", "content": format!("**事由**\n{}", escape(reason))}}
                ]
            },
            {"tag": "hr"},
            {
                "tag": "action",
                "actions": [
                    {
                        "tag": "button",
                        "text": {"tag": "plain_text", "content": "批准"},
                        "type": "primary",
                        "value": {"action": "approve", "id": id}
                    },
                    {
                        "tag": "button",
                        "text": {"tag": "plain_text", "content": "拒绝"},
                        "type": "danger",
                        "value": {"action": "decline", "id": id}
                    }
                ]
            },
            {"tag": "note", "elements": [{"tag": "plain_text", "content": "审批流 0 · 由审批系统自动发送"}]}
        ]
    })
}

fn json_body(a: &Approval<'_>) -> String {
    wrap_json(&json_card(a))
}

fn wrap_json(card: &Value) -> String {
    json!({
        "receive_id": RECEIVE_ID,
        "msg_type": "interactive",
        "content": card.to_string(),
        "uuid": UUID,
    })
    .to_string()
}

/// The body with its `content` string parsed back into JSON, so the two encodings compare as
/// values (key order and number formatting aside).
fn decoded(body: &str) -> Value {
    let mut body: Value = serde_json::from_str(body).expect("the send body is JSON");
    let content = body["content"]
        .as_str()
        .expect("`content` is a string")
        .to_owned();
    body["content"] = serde_json::from_str(&content).expect("`content` holds card JSON");
    body
}

/// Where criterion writes its estimates: the bench's own scratch dir, so the ratios below can
/// read them back whatever `CARGO_TARGET_DIR` is.
fn output_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("criterion")
}

/// Criterion's point estimates in ns: (the figure it prints as `time`, i.e. the slope when it
/// has one and the mean otherwise; the median).
fn estimates(group: &str, name: &str) -> Option<(f64, f64)> {
    let path = output_dir()
        .join(group)
        .join(name)
        .join("new")
        .join("estimates.json");
    let json: Value = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    let typical = json["slope"]["point_estimate"]
        .as_f64()
        .or_else(|| json["mean"]["point_estimate"].as_f64())?;
    Some((typical, json["median"]["point_estimate"].as_f64()?))
}

/// Prints `ours / theirs` for one group: from the estimates criterion just wrote, and the
/// interleaved ratio measured right after.
fn print_ratio(group: &str, ours: &str, theirs: &str, interleaved: f64, target: Option<f64>) {
    let target = target.map_or(String::new(), |t| format!(" (target <= {t:.2}x)"));
    match (estimates(group, ours), estimates(group, theirs)) {
        (Some((ours_time, ours_median)), Some((theirs_time, theirs_median))) => {
            let ratio = ours_time / theirs_time;
            let median_ratio = ours_median / theirs_median;
            println!(
                "{group}: {ours}/{theirs} = {ratio:.2}x ({ours_time:.0} ns / {theirs_time:.0} ns), \
                 medians {median_ratio:.2}x ({ours_median:.0} ns / {theirs_median:.0} ns), \
                 interleaved {interleaved:.2}x{target}"
            );
        }
        _ => println!(
            "{group}: {ours}/{theirs} interleaved {interleaved:.2}x{target}; no criterion estimates \
             under {}",
            output_dir().display()
        ),
    }
}

/// The median, over short rounds, of `ours`' time over `theirs`', the two run back to back in
/// alternating order. Criterion measures one routine after the other, seconds apart, so load from
/// other processes on a shared machine skews its ratio; within one round both see the same load.
fn interleaved_ratio<A, B>(mut ours: impl FnMut() -> A, mut theirs: impl FnMut() -> B) -> f64 {
    const ROUNDS: usize = 1001;
    const ITERS: u32 = 100;
    fn time<T>(routine: &mut impl FnMut() -> T) -> f64 {
        let start = Instant::now();
        for _ in 0..ITERS {
            black_box(routine());
        }
        start.elapsed().as_secs_f64()
    }
    let mut ratios: Vec<f64> = (0..ROUNDS)
        .map(|round| {
            if round % 2 == 0 {
                let a = time(&mut ours);
                a / time(&mut theirs)
            } else {
                let b = time(&mut theirs);
                time(&mut ours) / b
            }
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    ratios[ROUNDS / 2]
}

fn main() {
    // An application holds the recipient already; building it is not part of the measurement.
    let to = ReceiveId::open_id(RECEIVE_ID);
    assert_eq!(
        decoded(&macro_body(&to, &APPROVAL)),
        decoded(&json_body(&APPROVAL)),
        "card! and json! must encode the same send body"
    );
    let card = macro_card(&APPROVAL);
    let value = json_card(&APPROVAL);

    let mut criterion = Criterion::default()
        .output_directory(&output_dir())
        .configure_from_args();

    // The figure the target is about: what an application does per message.
    let mut group = criterion.benchmark_group(GROUP);
    group.bench_function("card_macro", |b| {
        b.iter(|| macro_body(black_box(&to), black_box(&APPROVAL)))
    });
    group.bench_function("json_macro", |b| b.iter(|| json_body(black_box(&APPROVAL))));
    group.finish();

    // Its two halves, to tell which one dominates when the target is missed.
    let mut group = criterion.benchmark_group("build_only");
    group.bench_function("card_macro", |b| {
        b.iter(|| macro_card(black_box(&APPROVAL)))
    });
    group.bench_function("json_macro", |b| b.iter(|| json_card(black_box(&APPROVAL))));
    group.finish();
    let mut group = criterion.benchmark_group("encode_only");
    group.bench_function("send_card_body", |b| {
        b.iter(|| {
            SendCardBody::new(black_box(&to), black_box(&card))
                .uuid(UUID)
                .to_json()
        })
    });
    group.bench_function("to_string_wrap", |b| {
        b.iter(|| wrap_json(black_box(&value)))
    });
    group.finish();
    criterion.final_summary();

    // Under `cargo test` criterion runs each routine once and records nothing to compare.
    if !std::env::args().any(|arg| arg == "--bench") {
        return;
    }
    let ratio = interleaved_ratio(
        || macro_body(black_box(&to), black_box(&APPROVAL)),
        || json_body(black_box(&APPROVAL)),
    );
    print_ratio(GROUP, "card_macro", "json_macro", ratio, Some(1.0));
    let ratio = interleaved_ratio(
        || macro_card(black_box(&APPROVAL)),
        || json_card(black_box(&APPROVAL)),
    );
    print_ratio("build_only", "card_macro", "json_macro", ratio, None);
    let ratio = interleaved_ratio(
        || {
            SendCardBody::new(black_box(&to), black_box(&card))
                .uuid(UUID)
                .to_json()
        },
        || wrap_json(black_box(&value)),
    );
    print_ratio(
        "encode_only",
        "send_card_body",
        "to_string_wrap",
        ratio,
        None,
    );
}
