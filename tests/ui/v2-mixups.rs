use card_runtime::card;

fn main() {
    // 1.0 written in a 2.0 card: each error names the 2.0 way.
    let _ = card! { <card schema="2.0"><action><button>"OK"</button></action></card> };
    let _ = card! { <card schema="2.0"><note>"small print"</note></card> };
    let _ = card! { <card schema="2.0"><i18n lang="en_us"><markdown>"hi"</markdown></i18n></card> };
    let _ = card! { <card schema="2.0" fallback={}><hr/></card> };
    let _ = card! { <card schema="2.0"><button url="https://open.feishu.cn">"Open"</button></card> };
    let _ = card! { <card schema="2.0"><markdown href={ "u": { "url": "https://a.b" } }>"[x]($u)"</markdown></card> };
    // 2.0 written in a 1.0 card.
    let _ = card! { <card><div element_id="intro" text="x"/></card> };
    let _ = card! { <card><audio file_key="f"/></card> };
    let _ = card! { <card><body padding="12px"><hr/></body></card> };
}
