#!/usr/bin/env bash
# Installs, with pip, those of the given Python packages that python3 (the one on PATH) cannot import yet. Quiet
# when all are there. The tests use them as clients (the MCP server is driven by the `mcp` package's client).
set -euo pipefail
missing=()
for pkg in "$@"; do
    python3 -c "import $pkg" 2>/dev/null || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "deps: pip installing ${missing[*]}" >&2
python3 -m pip install -q --disable-pip-version-check "${missing[@]}" >/dev/null
