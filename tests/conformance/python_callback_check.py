"""Conformance: the official Python SDK's CardActionHandler, serving as the app, against the
emulator's legacy card callbacks, button clicks, form submits and selects; and its
EventDispatcherHandler against the emulator's `card.action.trigger` (v2 envelope, SHA-256
signed, encrypted) submitting a card JSON 2.0 form (python_callback.sh runs this; any failure
exits non-zero).

The emulator binary plays Feishu and the user: it performs the URL verification handshake and
posts signed (SHA-1, Verification Token) legacy callbacks, plain and encrypted, to the SDK's
handler. Requests the handler received are then replayed with one byte changed, which the SDK
must reject.
"""

import importlib.metadata
import json
import subprocess
import sys
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import lark_oapi as lark
from lark_oapi.card.action_handler import CardActionHandler
from lark_oapi.event.callback.model.p2_card_action_trigger import P2CardActionTriggerResponse
from lark_oapi.core.enum import LogLevel
from lark_oapi.core.model import RawRequest

TOKEN = "conformance-verification-token"
KEY = "conformance-encrypt-key"
received = []  # (headers, body) of every callback the app got


def processor(card):
    action = card.action
    if action and action.form_value:
        fields = json.dumps(action.form_value, sort_keys=True)
        return {"toast": {"type": "info", "content": f"python form {action.name} {fields} {action.timezone}"}}
    if action and action.option:
        return {"toast": {"type": "info", "content": f"python option {action.tag} {action.option}"}}
    value = action.value if action else None
    return {
        "toast": {"type": "success", "content": f"python saw {json.dumps(value, sort_keys=True)}"},
        "elements": [{"tag": "div", "text": {"tag": "plain_text", "content": "done by python"}}],
    }


def make_app(encrypt_key):
    # Rejections are expected below; the SDK would log each with a traceback.
    return CardActionHandler.builder(encrypt_key, TOKEN, LogLevel.CRITICAL).register(processor).build()


class AppHandler(BaseHTTPRequestHandler):
    sdk = None

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        # The SDK looks headers up in canonical case, as its Flask adapter hands them over.
        headers = {"-".join(p.capitalize() for p in k.split("-")): v for k, v in self.headers.items()}
        received.append((headers, body))
        request = RawRequest()
        request.uri = self.path
        request.headers = headers
        request.body = body
        response = self.sdk.do(request)
        self.send_response(response.status_code)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.content or b"")))
        self.end_headers()
        self.wfile.write(response.content or b"")

    def log_message(self, *args):
        pass


def serve(sdk):
    handler = type("Handler", (AppHandler,), {"sdk": sdk})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/callback"


def call(method, url, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json; charset=utf-8")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def post_raw(url, headers, body):
    request = urllib.request.Request(url, data=body, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def check(condition, what):
    if not condition:
        print(f"FAIL: {what}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {what}")


def run(emulator_bin, encrypted):
    label = "encrypted" if encrypted else "plain"
    server, app_url = serve(make_app(KEY if encrypted else ""))
    flags = ["--callback-url", app_url, "--verification-token", TOKEN,
             "--callback-generation", "legacy", "--limits", "unlimited"]
    if encrypted:
        flags += ["--encrypt-key", KEY]
    emulator, info = start_emulator(emulator_bin, flags)
    try:
        base = info["base_url"]
        check(call("POST", f"{base}/_emulator/url_verification", {})["ok"],
              f"{label}: the SDK answers the emulator's URL verification")
        token = call("POST", f"{base}/open-apis/auth/v3/tenant_access_token/internal",
                     {"app_id": info["app_id"], "app_secret": info["app_secret"]})["tenant_access_token"]
        card = {"elements": [{"tag": "action", "actions": [{
            "tag": "button", "text": {"tag": "plain_text", "content": "approve"},
            "type": "primary", "value": {"button_id": "flow-42"}}]}]}
        sent = call("POST", f"{base}/open-apis/im/v1/messages?receive_id_type=open_id",
                    {"receive_id": "ou_python", "msg_type": "interactive", "content": json.dumps(card)},
                    token)
        check(sent["code"] == 0, f"{label}: card sent to the emulator")
        message_id = sent["data"]["message_id"]
        received.clear()
        outcome = call("POST", f"{base}/_emulator/click",
                       {"message_id": message_id, "button": {"index": 0}})
        check(outcome["status"] == 200 and outcome["client_error"] is None,
              f"{label}: the SDK accepts the emulator's signed legacy callback ({outcome['status']})")
        check(outcome["toast"]["content"] == 'python saw {"button_id": "flow-42"}',
              f"{label}: the SDK decoded the button value")
        check(outcome["card_replaced"], f"{label}: the SDK's card replaced the stored card")
        stored = call("GET", f"{base}/_emulator/messages/{message_id}")
        check(stored["card"]["elements"][0]["text"]["content"] == "done by python",
              f"{label}: the emulator shows the SDK's card")
        headers, body = received[-1]
        check(("encrypt" in json.loads(body)) == encrypted, f"{label}: body encryption as configured")
        check(post_raw(app_url, headers, body) == 200, f"{label}: the recorded callback verifies as sent")
        tampered = bytearray(body)
        tampered[len(tampered) // 2] ^= 0x01
        check(post_raw(app_url, headers, bytes(tampered)) == 500,
              f"{label}: the SDK rejects a tampered callback")
        retimed = dict(headers, **{"X-Lark-Request-Timestamp": str(int(headers["X-Lark-Request-Timestamp"]) + 1)})
        check(post_raw(app_url, retimed, body) == 500,
              f"{label}: the SDK rejects a callback whose signed timestamp changed")
        forged = dict(headers, **{"X-Lark-Signature": "0" * 40})
        check(post_raw(app_url, forged, body) == 500, f"{label}: the SDK rejects a forged signature")
        check_components(base, token, label)
    finally:
        emulator.terminate()
        emulator.wait(timeout=10)
        server.shutdown()


def check_components(base, token, label):
    """A form submit and a standalone select, played by the emulator, as the SDK models them."""
    options = [{"text": {"tag": "plain_text", "content": v}, "value": v} for v in ("staging", "prod")]
    card = {"elements": [
        {"tag": "form", "name": "deploy", "elements": [
            {"tag": "input", "name": "reason", "required": True},
            {"tag": "select_static", "name": "env", "options": options},
            {"tag": "button", "name": "go", "action_type": "form_submit",
             "text": {"tag": "plain_text", "content": "go"}},
        ]},
        {"tag": "action", "actions": [{"tag": "select_static", "options": options}]},
    ]}
    sent = call("POST", f"{base}/open-apis/im/v1/messages?receive_id_type=open_id",
                {"receive_id": "ou_python", "msg_type": "interactive", "content": json.dumps(card)}, token)
    message_id = sent["data"]["message_id"]
    submit = {"submit": {"fields": {"reason": "hotfix", "env": "prod"}}}
    outcome = call("POST", f"{base}/_emulator/click", {"message_id": message_id, "action": submit})
    check(outcome["toast"]["content"] == 'python form go {"env": "prod", "reason": "hotfix"} Asia/Shanghai',
          f"{label}: the SDK reads the emulator's form submit ({outcome['toast']})")
    picked = {"select": {"target": {"index": 1}, "option": "staging"}}
    outcome = call("POST", f"{base}/_emulator/click", {"message_id": message_id, "action": picked})
    check(outcome["toast"]["content"] == "python option select_static staging",
          f"{label}: the SDK reads the emulator's select callback ({outcome['toast']})")


def on_v2_action(data):
    action = data.event.action
    fields = json.dumps(action.form_value or {}, sort_keys=True)
    card = {"schema": "2.0", "body": {"elements": [{"tag": "markdown", "content": f"python got {fields}"}]}}
    return P2CardActionTriggerResponse({
        "toast": {"type": "success", "content": f"python v2 {action.tag} {action.name} {fields}"},
        "card": {"type": "raw", "data": card},
    })


def start_emulator(emulator_bin, flags):
    emulator = subprocess.Popen([emulator_bin, *flags], stdout=subprocess.PIPE, text=True)
    info = {}
    for line in emulator.stdout:
        if "=" in line:
            key, _, value = line.strip().partition("=")
            info[key] = value
        if line.startswith("click="):
            break
    return emulator, info


def run_v2_form(emulator_bin):
    """A card JSON 2.0 form submitted through the v2 envelope, read by the SDK's dispatcher."""
    sdk = (lark.EventDispatcherHandler.builder(KEY, TOKEN, LogLevel.CRITICAL)
           .register_p2_card_action_trigger(on_v2_action).build())
    server, app_url = serve(sdk)
    flags = ["--callback-url", app_url, "--verification-token", TOKEN, "--encrypt-key", KEY,
             "--callback-generation", "v2", "--limits", "unlimited"]
    emulator, info = start_emulator(emulator_bin, flags)
    try:
        base = info["base_url"]
        check(call("POST", f"{base}/_emulator/url_verification", {})["ok"],
              "v2: the SDK's dispatcher answers the emulator's URL verification")
        token = call("POST", f"{base}/open-apis/auth/v3/tenant_access_token/internal",
                     {"app_id": info["app_id"], "app_secret": info["app_secret"]})["tenant_access_token"]
        options = [{"text": {"tag": "plain_text", "content": v}, "value": v} for v in ("staging", "prod")]
        card = {"schema": "2.0", "body": {"elements": [{"tag": "form", "name": "deploy", "elements": [
            {"tag": "input", "name": "reason", "required": True},
            {"tag": "select_static", "name": "env", "options": options},
            {"tag": "date_picker", "name": "day"},
            {"tag": "button", "name": "go", "form_action_type": "submit",
             "text": {"tag": "plain_text", "content": "go"}},
        ]}]}}
        sent = call("POST", f"{base}/open-apis/im/v1/messages?receive_id_type=open_id",
                    {"receive_id": "ou_python", "msg_type": "interactive", "content": json.dumps(card)}, token)
        check(sent["code"] == 0, f"v2: 2.0 form sent to the emulator ({sent.get('msg')})")
        message_id = sent["data"]["message_id"]
        received.clear()
        submit = {"submit": {"fields": {"reason": "hotfix", "env": "prod", "day": "2026-12-03"}}}
        outcome = call("POST", f"{base}/_emulator/click", {"message_id": message_id, "action": submit})
        fields = '{"day": "2026-12-03 +0800", "env": "prod", "reason": "hotfix"}'
        check(outcome["status"] == 200 and outcome["client_error"] is None,
              f"v2: the SDK accepts the emulator's SHA-256 signed, encrypted callback ({outcome['status']})")
        check(outcome["toast"]["content"] == f"python v2 button go {fields}",
              f"v2: the SDK reads the form submit ({outcome['toast']})")
        check(outcome["card_replaced"], "v2: the SDK's 2.0 card replaced the stored 2.0 card")
        headers, body = received[-1]
        check("encrypt" in json.loads(body), "v2: the body was encrypted")
        check(headers.get("X-Lark-Signature") and len(headers["X-Lark-Signature"]) == 64,
              "v2: the callback carries a SHA-256 signature")
        forged = dict(headers, **{"X-Lark-Signature": "0" * 64})
        check(post_raw(app_url, forged, body) == 500, "v2: the SDK rejects a forged signature")
    finally:
        emulator.terminate()
        emulator.wait(timeout=10)
        server.shutdown()


def main():
    print(f"lark-oapi {importlib.metadata.version('lark-oapi')}")
    for encrypted in (False, True):
        run(sys.argv[1], encrypted)
    run_v2_form(sys.argv[1])
    print("python callback conformance: all checks passed")


if __name__ == "__main__":
    main()
