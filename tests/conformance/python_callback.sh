#!/usr/bin/env bash
# Conformance: the official Python SDK (lark-oapi, CardActionHandler) accepts the legacy card
# callbacks the emulator signs and rejects tampered ones. Fails loudly (set -e, non-zero exit).
#
# The venv lives under the cargo target dir and is reused between runs; LARK_OAPI_VERSION pins
# the SDK (default below, the version this check was written against).
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${CARGO_TARGET_DIR:-target}"
venv="$target/conformance-venv"
version="${LARK_OAPI_VERSION:-1.7.5}"

if ! "$venv/bin/python" -c "import lark_oapi" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "lark-oapi==$version"
fi

cargo build --quiet -p card-runtime --features emulator --bin feishu-emulator
"$venv/bin/python" tests/conformance/python_callback_check.py "$target/debug/feishu-emulator"
