"""Send a card with the official lark-oapi SDK to the emulator and check what it recorded."""

import json
import os
import sys
import urllib.request

import lark_oapi as lark
from lark_oapi.api.im.v1 import CreateMessageRequest, CreateMessageRequestBody

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

request = (
    CreateMessageRequest.builder()
    .receive_id_type("chat_id")
    .request_body(
        CreateMessageRequestBody.builder()
        .receive_id("oc_conformance")
        .msg_type("interactive")
        .content(json.dumps(CARD, ensure_ascii=False))
        .uuid("conformance-1")
        .build()
    )
    .build()
)

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

stats = inspect("/_emulator/stats")
if stats["tokens_issued"] != 1 or stats["messages_created"] != 1:
    fail(f"unexpected emulator stats: {stats}")

print(f"conformance: lark-oapi sent card {message_id} to the emulator; recorded once, token issued once")
