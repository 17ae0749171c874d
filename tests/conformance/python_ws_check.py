"""Conformance: the official Python SDK's long-connection client (lark_oapi.ws.Client), serving
as the app, against the emulator's gateway (python_ws.sh runs this; any failure exits non-zero).

The SDK bootstraps at the emulator, connects over WebSocket, answers a card click (the answer
lands on the stored message), receives a user's message event, and reconnects after the
emulator drops the connection, then reassembles a click split into three frames. The SDK has no stop(), so it runs in a subprocess (this file with
`client` as its first argument) that is killed at the end.
"""

import importlib.metadata
import json
import os
import queue
import subprocess
import sys
import threading
import time
import urllib.request

APP_ID = "cli_conformance_ws"
APP_SECRET = "conformance-ws-secret"


def client(domain):
    import lark_oapi as lark
    from lark_oapi.event.callback.model.p2_card_action_trigger import (
        P2CardActionTrigger, P2CardActionTriggerResponse)

    def on_card_action(data: P2CardActionTrigger) -> P2CardActionTriggerResponse:
        value = data.event.action.value or {}
        card = {"elements": [{"tag": "div", "text": {
            "tag": "plain_text", "content": f"approved {value.get('request')} by python"}}]}
        return P2CardActionTriggerResponse({
            "toast": {"type": "success", "content": f"python approved {value.get('request')}"},
            "card": {"type": "raw", "data": card},
        })

    def on_message(data):
        text = json.loads(data.event.message.content).get("text")
        print(f"MESSAGE {data.event.message.message_id} {text}", flush=True)

    handler = (lark.EventDispatcherHandler.builder("", "")
               .register_p2_card_action_trigger(on_card_action)
               .register_p2_im_message_receive_v1(on_message)
               .build())
    lark.ws.Client(APP_ID, APP_SECRET, event_handler=handler, domain=domain,
                   log_level=lark.LogLevel.INFO).start()


def call(method, url, body=None, token=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json; charset=utf-8")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def check(condition, what):
    if not condition:
        print(f"FAIL: {what}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {what}")


def wait_for(what, predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    check(False, f"{what} within {seconds} s")


def connections(base):
    return call("GET", f"{base}/_emulator/ws/connections")["connections"]


def click(base, token, request):
    card = {"elements": [{"tag": "action", "actions": [{
        "tag": "button", "text": {"tag": "plain_text", "content": "approve"},
        "type": "primary", "value": {"route": "approve", "request": request}}]}]}
    sent = call("POST", f"{base}/open-apis/im/v1/messages?receive_id_type=open_id",
                {"receive_id": "ou_python", "msg_type": "interactive", "content": json.dumps(card)},
                token)
    check(sent["code"] == 0, f"{request}: card sent to the emulator")
    message_id = sent["data"]["message_id"]
    outcome = call("POST", f"{base}/_emulator/click", {"message_id": message_id, "button": {"index": 0}})
    check(outcome["status"] == 200 and outcome["client_error"] is None,
          f"{request}: the SDK answered the click over the long connection ({outcome})")
    check(outcome["toast"]["content"] == f"python approved {request}", f"{request}: the SDK's toast")
    check(outcome["card_replaced"], f"{request}: the SDK's card replaced the stored card")
    stored = call("GET", f"{base}/_emulator/messages/{message_id}")
    check(stored["card"]["elements"][0]["text"]["content"] == f"approved {request} by python",
          f"{request}: the stored message shows the SDK's card")


def main(emulator_bin):
    print(f"lark-oapi {importlib.metadata.version('lark-oapi')}")
    emulator = subprocess.Popen(
        [emulator_bin, "--long-connection", "--app-id", APP_ID, "--app-secret", APP_SECRET,
         "--limits", "unlimited"], stdout=subprocess.PIPE, text=True)
    sdk = None
    try:
        info = {}
        for line in emulator.stdout:
            if "=" in line:
                key, _, value = line.strip().partition("=")
                info[key] = value
            if line.startswith("long_connection="):
                break
        base = info["base_url"]
        # Small timing so the reconnect below takes about a second (reference A.13).
        call("POST", f"{base}/_emulator/ws/config",
             {"ping_interval": 2, "reconnect_interval": 1, "reconnect_nonce": 1, "reconnect_count": -1})
        env = dict(os.environ, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
        sdk = subprocess.Popen([sys.executable, __file__, "client", base], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=env)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(l) for l in sdk.stdout], daemon=True).start()
        # Importing lark_oapi alone takes seconds.
        wait_for("the SDK connects", lambda: connections(base) == 1, 60)
        print("ok: the SDK bootstrapped and connected")
        token = call("POST", f"{base}/open-apis/auth/v3/tenant_access_token/internal",
                     {"app_id": APP_ID, "app_secret": APP_SECRET})["tenant_access_token"]
        click(base, token, "R-1")

        sent = call("POST", f"{base}/_emulator/messages/send", {"open_id": "ou_python", "text": "/approve-demo"})
        check(sent["delivered"]["status"] == 200, f"the SDK acknowledged the message event ({sent})")
        expected = f"MESSAGE {sent['message_id']} /approve-demo"
        seen = []

        def got_message():
            while not lines.empty():
                seen.append(lines.get().strip())
            return expected in seen
        wait_for("the SDK's message handler ran", got_message, 10)
        print("ok: the SDK's message handler got the text")

        call("POST", f"{base}/_emulator/ws/faults", {"fault": "drop_connections"})
        wait_for("the drop is seen", lambda: connections(base) == 0, 10)
        wait_for("the SDK reconnects", lambda: connections(base) == 1, 30)
        print("ok: the SDK reconnected after the emulator dropped it")
        # The next click goes out in three frames, last part first: the SDK reassembles them.
        call("POST", f"{base}/_emulator/ws/faults", {"fault": "split", "parts": 3})
        click(base, token, "R-2")
        print("python long-connection conformance: all checks passed")
    finally:
        if sdk is not None:
            sdk.kill()
            sdk.wait(timeout=10)
        emulator.terminate()
        emulator.wait(timeout=10)


if __name__ == "__main__":
    if sys.argv[1] == "client":
        client(sys.argv[2])
    else:
        main(sys.argv[1])
