//! What the emulator's benchmarks share: the approval card they send.

use card_runtime::Card;
use serde_json::json;

/// The approval-style card number `i` (its title and button values carry `i`).
pub(crate) fn card(i: usize) -> Card {
    Card::from_json_unchecked(json!({
        "config": {"update_multi": true},
        "header": {"template": "blue", "title": {"tag": "plain_text", "content": format!("审批 #{i}")}},
        "elements": [
            {"tag": "div", "text": {"tag": "lark_md", "content": "**申请人** 张三\n**天数** 3"}},
            {"tag": "action", "actions": [
                {"tag": "button", "type": "primary", "text": {"tag": "plain_text", "content": "批准"},
                 "value": {"action": "approve", "id": i}},
                {"tag": "button", "type": "danger", "text": {"tag": "plain_text", "content": "拒绝"},
                 "value": {"action": "decline", "id": i}}
            ]}
        ]
    }))
}
