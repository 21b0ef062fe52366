import HerdCore

/// One bootstrap step of `herd init`: a POSIX-sh body that checks whether it is already in place and, in
/// `apply` mode, puts it in place. Every body ends with exactly one `herd_result STATUS DETAIL` call:
/// `already` (nothing to do), `would` (check mode: it would change the host), `applied`, `skipped`, or `failed`.
public struct InitFeature: Sendable, Equatable {
    public let name: String
    /// What it does, for `--help` and the README.
    public let summary: String
    public let body: String

    /// pool's bootstrap features, in the order `herd init` runs them.
    public static let all: [InitFeature] = [
        tailscale, diskCleanup, noSleep, persistentJournal, panicRecovery, earlyoom, swapfile, watchdog,
    ]

    /// The feature called `name`, if any.
    public static func named(_ name: String) -> InitFeature? { all.first { $0.name == name } }

    /// Helpers every body may use: `herd_result`, `herd_priv CMD…` (runs as root: directly, or with `sudo -n`
    /// when the host has `sudo: true`), `herd_can_priv`, `herd_linux_only`, and `herd_mode` (check or apply).
    public static let prelude = #"""
# herd init (POSIX sh): MODE SUDO CLEAN
# shellcheck disable=SC2317 # herd_result exits: the line after a call runs only when a feature forgot to report
LC_ALL=C
export LC_ALL
herd_mode=$1
herd_sudo=$2
# shellcheck disable=SC2034 # used by the disk-cleanup feature
herd_clean=$3
shift 3
herd_os=$(uname -s)
# Test hook: HERD_INIT_ROOT prefixes every system path the features read or write (/etc, /proc/swaps, /dev/watchdog,
# /run/systemd, /swapfile, /usr/local/lib/herd), so tests run against fixture files. Empty (the real paths) normally.
# shellcheck disable=SC2034 # not every feature touches system paths
herd_root=${HERD_INIT_ROOT:-}
# herd_human KB: a size with its unit (512M, 2.0G, 31G)
herd_human() {
  awk -v k="${1:-0}" 'BEGIN { if (k >= 10485760) printf "%.0fG\n", k / 1048576; else if (k >= 1048576) printf "%.1fG\n", k / 1048576; else printf "%.0fM\n", k / 1024 }'
}
herd_result() {
  echo "@@feature $HERD_FEATURE $1 $2"
  exit 0
}
herd_can_priv() {
  [ "$(id -u)" = 0 ] && return 0
  [ "$herd_sudo" = 1 ] && sudo -n true 2>/dev/null
}
herd_priv() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}
herd_linux_only() {
  [ "$herd_os" = Linux ] || herd_result skipped "Linux only"
}
# The same decision in both modes: a check reports "would" only where apply would act (so no "would" for lack of sudo).
herd_apply_or_report() {
  if ! herd_can_priv; then
    if [ "$herd_sudo" = 1 ]; then herd_result skipped "needs sudo (sudo -n refused)"; fi
    herd_result skipped "needs root or sudo (host has sudo: false)"
  fi
  [ "$herd_mode" = check ] && herd_result would "$1"
  return 0
}
"""#

    /// The complete remote script for `features`: the prelude, then each body in a subshell of its own.
    public static func script(_ features: [InitFeature]) -> String {
        var s = prelude + "\n# shellcheck disable=SC2016,SC2034 # the clean script, literally; used by disk-cleanup\n"
            + "HERD_CLEAN_SCRIPT=\(ShellQuote.quote(CleanScript.source))\n"
        for f in features {
            s += "(\nHERD_FEATURE=\(f.name)\n\(f.body)\nherd_result failed \"script ended without a result\"\n)\n"
        }
        return s
    }
}
