#!/usr/bin/env bash
# Conformance: the official Python SDK (lark-oapi, CardActionHandler) accepts the legacy card
# callbacks the emulator signs and rejects tampered ones. Fails loudly (set -e, non-zero exit).
# Usage: tests/conformance/python_callback.sh
#
# Shares the venv (path and lark-oapi version) with python_send.sh, so whichever runs first
# creates it and the other reuses it.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="$TARGET/conformance-venv"
LARK_OAPI_VERSION="1.7.5"

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import lark_oapi" 2>/dev/null; then
    echo "conformance: creating venv in $VENV and installing lark-oapi==$LARK_OAPI_VERSION"
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "lark-oapi==$LARK_OAPI_VERSION"
fi

cd "$ROOT"
cargo build --quiet -p card-runtime --features emulator --bin feishu-emulator
"$VENV/bin/python" "$ROOT/tests/conformance/python_callback_check.py" "$TARGET/debug/feishu-emulator"
