"""Send a card with the official lark-oapi SDK to the emulator and check what it recorded: a
1.0 card, then a 2.0 card, which the SDK updates with a 2.0 card and cannot turn into 1.0."""

import json
import os
import sys
import urllib.request

import lark_oapi as lark
from lark_oapi.api.im.v1 import (
    CreateMessageRequest,
    CreateMessageRequestBody,
    PatchMessageRequest,
    PatchMessageRequestBody,
)

URL = os.environ["EMULATOR_URL"]

CARD = {
    "config": {"update_multi": True},
    "header": {"template": "blue", "title": {"tag": "plain_text", "content": "你有一个休假申请待审批"}},
    "elements": [
        {"tag": "div", "text": {"tag": "lark_md", "content": "**申请人** 张三"}},
        {"tag": "action", "actions": [
            {"tag": "button", "type": "primary", "text": {"tag": "plain_text", "content": "批准"},
             "value": {"action": "approve", "id": "leave-42"}},
        ]},
    ],
}

# A 2.0 card as the card builder writes it: body elements, a form with a required input, a
# select and a submit button.
CARD_V2 = {
    "schema": "2.0",
    "config": {"update_multi": True},
    "header": {"template": "blue", "title": {"tag": "plain_text", "content": "Deploy request"}},
    "body": {"elements": [
        {"tag": "markdown", "content": "**service** checkout"},
        {"tag": "form", "name": "deploy", "elements": [
            {"tag": "input", "name": "reason", "required": True,
             "placeholder": {"tag": "plain_text", "content": "Why?"}},
            {"tag": "select_static", "name": "env", "options": [
                {"text": {"tag": "plain_text", "content": "staging"}, "value": "staging"},
                {"text": {"tag": "plain_text", "content": "prod"}, "value": "prod"},
            ]},
            {"tag": "button", "name": "submit", "form_action_type": "submit", "type": "primary",
             "text": {"tag": "plain_text", "content": "Submit"}},
        ]},
    ]},
}


def fail(message):
    print(f"conformance: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def inspect(path):
    with urllib.request.urlopen(URL + path, timeout=10) as response:
        return json.load(response)


client = (
    lark.Client.builder()
    .app_id(os.environ["APP_ID"])
    .app_secret(os.environ["APP_SECRET"])
    .domain(URL)
    .log_level(lark.LogLevel.WARNING)
    .build()
)



def create(card, uuid):
    return (
        CreateMessageRequest.builder()
        .receive_id_type("chat_id")
        .request_body(
            CreateMessageRequestBody.builder()
            .receive_id("oc_conformance")
            .msg_type("interactive")
            .content(json.dumps(card, ensure_ascii=False))
            .uuid(uuid)
            .build()
        )
        .build()
    )


def patch(message_id, card):
    return (
        PatchMessageRequest.builder()
        .message_id(message_id)
        .request_body(PatchMessageRequestBody.builder().content(json.dumps(card, ensure_ascii=False)).build())
        .build()
    )


request = create(CARD, "conformance-1")

response = client.im.v1.message.create(request)
if not response.success():
    fail(f"send failed: code={response.code} msg={response.msg} log_id={response.get_log_id()}")
message_id = response.data.message_id
if not message_id or not message_id.startswith("om_"):
    fail(f"no message id in the response: {message_id!r}")
if response.data.chat_id != "oc_conformance":
    fail(f"unexpected chat_id {response.data.chat_id!r}")

messages = inspect("/_emulator/messages")["messages"]
matching = [m for m in messages if m["message_id"] == message_id]
if len(matching) != 1:
    fail(f"message {message_id} not recorded exactly once: {messages}")
recorded = matching[0]
if recorded["card"] != CARD or recorded["msg_type"] != "interactive" or recorded["receive_id"] != "oc_conformance":
    fail(f"recorded message differs from what was sent: {recorded}")

# Resending with the same uuid must not create a second message.
again = client.im.v1.message.create(request)
if not again.success() or again.data.message_id != message_id:
    fail("a repeated uuid created a new message")

sent_v2 = client.im.v1.message.create(create(CARD_V2, "conformance-2"))
if not sent_v2.success():
    fail(f"2.0 send failed: code={sent_v2.code} msg={sent_v2.msg}")
v2_id = sent_v2.data.message_id
if not v2_id or not v2_id.startswith("om_") or v2_id == message_id:
    fail(f"no new message id for the 2.0 card: {v2_id!r}")
if inspect(f"/_emulator/messages/{v2_id}")["card"] != CARD_V2:
    fail("the recorded 2.0 card differs from what was sent")

updated = dict(CARD_V2, body={"elements": [{"tag": "markdown", "content": "**deployed** checkout"}]})
patched = client.im.v1.message.patch(patch(v2_id, updated))
if not patched.success():
    fail(f"2.0 update failed: code={patched.code} msg={patched.msg}")
if inspect(f"/_emulator/messages/{v2_id}")["card"] != updated:
    fail("the 2.0 update was not applied")
downgraded = client.im.v1.message.patch(patch(v2_id, CARD))
if downgraded.success() or downgraded.code != 230099 or "200830" not in downgraded.msg:
    fail(f"a 1.0 update of a 2.0 card was not refused with 230099/200830: {downgraded.code} {downgraded.msg}")
if inspect(f"/_emulator/messages/{v2_id}")["card"] != updated:
    fail("the refused 1.0 update changed the card")

stats = inspect("/_emulator/stats")
if stats["tokens_issued"] != 1 or stats["messages_created"] != 2:
    fail(f"unexpected emulator stats: {stats}")

print(
    f"conformance: lark-oapi sent 1.0 card {message_id} (recorded once) and 2.0 card {v2_id} "
    "(updated with 2.0, 1.0 refused); token issued once"
)
