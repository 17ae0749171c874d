#!/usr/bin/env bash
# Conformance: the official Python SDK (lark-oapi, from PyPI) sends a 1.0 and a 2.0 card to the
# standalone emulator and gets message ids; the emulator's inspection API must show the same
# cards; the 2.0 card updates with 2.0 and refuses a 1.0 update (230099, sub-code 200830).
# Fails loudly (non-zero) on any problem. Usage: tests/conformance/python_send.sh
set -euo pipefail

source "$(dirname "$0")/venv.sh"

cd "$ROOT"
cargo build --quiet -p card-emulator --bin feishu-emulator
EMULATOR="$TARGET/debug/feishu-emulator"

LOG="$(mktemp)"
"$EMULATOR" --listen 127.0.0.1:0 --app-id cli_conformance --app-secret conformance-secret >"$LOG" 2>&1 &
PID=$!
cleanup() {
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
    rm -f "$LOG"
}
trap cleanup EXIT

URL=""
for _ in $(seq 1 100); do
    URL="$(sed -n 's/^base_url=//p' "$LOG")"
    [ -n "$URL" ] && break
    if ! kill -0 "$PID" 2>/dev/null; then
        echo "conformance: emulator exited early:" >&2
        cat "$LOG" >&2
        exit 1
    fi
    sleep 0.1
done
if [ -z "$URL" ]; then
    echo "conformance: emulator printed no base_url within 10 s:" >&2
    cat "$LOG" >&2
    exit 1
fi

EMULATOR_URL="$URL" APP_ID=cli_conformance APP_SECRET=conformance-secret \
    "$VENV/bin/python" "$ROOT/tests/conformance/send_card.py"
