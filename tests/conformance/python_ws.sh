#!/usr/bin/env bash
# Conformance: the official Python SDK's long-connection client (lark_oapi.ws.Client) connects
# to the standalone emulator offline, answers a card click (the answer lands on the stored
# message), receives a message event and reconnects after a drop. Fails loudly (non-zero).
# Usage: tests/conformance/python_ws.sh
# The venv (path, pinned lark-oapi version) comes from venv.sh, shared with the other scripts.
set -euo pipefail

source "$(dirname "$0")/venv.sh"

cd "$ROOT"
cargo build --quiet -p card-emulator --bin feishu-emulator
"$VENV/bin/python" "$ROOT/tests/conformance/python_ws_check.py" "$TARGET/debug/feishu-emulator"
