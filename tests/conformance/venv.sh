# Sourced (not run) by the conformance scripts: sets ROOT, TARGET and VENV, and makes sure
# $VENV has the pinned official Python SDK (lark-oapi from PyPI). One venv serves every script,
# so whichever runs first creates it and the others reuse it.
# Usage, from a script in tests/conformance/: source "$(dirname "$0")/venv.sh"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="$TARGET/conformance-venv"
LARK_OAPI_VERSION="1.7.5"

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import lark_oapi" 2>/dev/null; then
    echo "conformance: creating venv in $VENV and installing lark-oapi==$LARK_OAPI_VERSION"
    rm -rf "$VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "lark-oapi==$LARK_OAPI_VERSION"
fi
