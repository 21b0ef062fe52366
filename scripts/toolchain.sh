#!/usr/bin/env bash
# Checks that a Swift 6 toolchain is on PATH; otherwise says, in a few lines, where to get one. Exit 2 if missing.
set -uo pipefail
swift=${SWIFT:-swift}
if ! command -v "$swift" >/dev/null 2>&1; then
    cat >&2 <<'MSG'
herd: no Swift toolchain found ('swift' is not on PATH).
  herd needs Swift 6.0 or newer (built and tested with 6.3.1). On Debian 12 / Ubuntu, download the
  toolchain tarball for your distribution from https://www.swift.org/install/linux/, unpack it (e.g. to
  /opt/swift) and add /opt/swift/usr/bin to PATH, then run make again. If the toolchain lives elsewhere:
  make SWIFT=/path/to/swift run
MSG
    exit 2
fi
version=$("$swift" --version 2>/dev/null | sed -n 's/.*Swift version \([0-9][0-9]*\)\..*/\1/p' | head -n 1)
if [ -n "$version" ] && [ "$version" -lt 6 ]; then
    echo "herd: Swift $version found ($swift); herd needs Swift 6.0 or newer (see README, 'Set-up')." >&2
    exit 2
fi
exit 0
