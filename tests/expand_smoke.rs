use card_runtime::card;
use serde_json::json;

#[test]
fn seed() {
    let button_id = "162695861xxxx";
    let card = card! {
        <card>
            <i18n lang="zh_cn">
                <div text="发布审核："/>
                <action>
                    <button type="primary" value={ "button_type": "public_publish", "button_id": button_id }>
                        "完成「全量发布」"
                    </button>
                </action>
            </i18n>
        </card>
    };
    let expected: serde_json::Value = serde_json::from_str(r#"{"i18n_elements":{"zh_cn":[{"tag":"div","text":{"content":"发布审核：","tag":"plain_text"}},{"tag":"action","actions":[{"tag":"button","text":{"tag":"plain_text","content":"完成「全量发布」"},"value":{"button_type":"public_publish","button_id":"162695861xxxx"},"type":"primary"}]}]}}"#).unwrap();
    assert_eq!(card, expected);
    assert!(card.validate().is_ok(), "{:?}", card.validate());
}

#[test]
fn design_example() {
    let rows = vec![("a", "1"), ("b", "2")];
    let remark = Some("note");
    let id = 5;
    let card = card! {
        <card update_multi>
            <header template="blue" title="你有一个休假申请待审批"/>
            <div>
                for (label, value) in &rows {
                    <field is_short><lark_md>"**{label}**\n{value}"</lark_md></field>
                }
            </div>
            if let Some(note) = &remark { <note>{note}</note> }
            <action>
                <button type="primary" value={ "id": id }>"批准"</button>
                <button type="danger" value={ "id": id }>"拒绝"</button>
            </action>
        </card>
    };
    assert_eq!(card["config"]["update_multi"], json!(true));
    eprintln!("{card}");
    assert!(card.validate().is_ok(), "{:?}", card.validate());
}
