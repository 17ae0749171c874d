#!/usr/bin/env bash
# Conformance: the official Python SDK (lark-oapi, CardActionHandler) accepts the legacy card
# callbacks the emulator signs and rejects tampered ones. Fails loudly (set -e, non-zero exit).
# Usage: tests/conformance/python_callback.sh
# The venv (path, pinned lark-oapi version) comes from venv.sh, shared with python_send.sh.
set -euo pipefail

source "$(dirname "$0")/venv.sh"

cd "$ROOT"
cargo build --quiet -p card-emulator --bin feishu-emulator
"$VENV/bin/python" "$ROOT/tests/conformance/python_callback_check.py" "$TARGET/debug/feishu-emulator"
