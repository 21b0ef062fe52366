/// The command lines herd sends for `herd on`: the user's words, quoted so the remote shell sees them as typed,
/// inside a POSIX-sh wrapper that enforces the timeout on the remote side too, and that stops the command when
/// herd goes away.
public enum RemoteCommand {
    /// The command text the remote shell runs for `words`: a single word is taken as a shell command line
    /// (as ssh and pdsh take it: `herd on all -- 'df -h | grep /'`); several words are quoted one by one.
    public static func shellText(_ words: [String]) -> String {
        words.count == 1 ? words[0] : ShellQuote.join(words)
    }

    /// The marker the wrapper prints on stderr when it killed the command for running past its timeout.
    public static let timeoutMarker = "@@herd-timeout"

    /// Runs `$2` under /bin/sh; after `$1` seconds (0: never) it prints the marker, sends TERM to the command's
    /// whole process group, KILL one second later, and exits 124. With `$3` = 1 it also watches its stdin, which
    /// herd holds open and never writes: EOF means herd is gone (Ctrl-C, killed, connection lost), and the
    /// wrapper then ends the whole group the same way (exit 129). With `$4` = N > 0 (only with `$3` = 1), herd
    /// writes exactly N bytes first (the stdin it forwards): the watcher copies them with `head -c N` into a FIFO
    /// the command reads, then watches for EOF as before; otherwise the command reads /dev/null. herd writes
    /// nothing after the N bytes, so no `head` can read past them. Output and exit status pass through.
    public static let wrapper = #"""
herd_t=$1
herd_me=$$
herd_w=
herd_e=
herd_n=${4:-0}
herd_d=
if [ "$3" = 1 ]; then exec 3<&0; else herd_n=0; fi
if [ "$herd_n" -gt 0 ]; then
  herd_d=$(mktemp -d "${TMPDIR:-/tmp}/herd-in.XXXXXX") || exit 125
  trap 'rm -rf "$herd_d"' EXIT
  mkfifo "$herd_d/in" || exit 125
  /bin/sh -c "$2" <"$herd_d/in" 3<&- &
else
  /bin/sh -c "$2" 3<&- &
fi
herd_p=$!
if [ "$3" = 1 ]; then
  trap 'trap "" TERM; kill -TERM 0 2>/dev/null; (sleep 1; kill -KILL 0) </dev/null >/dev/null 2>&1 & exit 129' USR2
  (
    trap 'kill "$herd_c" 2>/dev/null; exit 0' TERM
    if [ "$herd_n" -gt 0 ]; then
      head -c "$herd_n" <&3 >"$herd_d/in" 2>/dev/null &
      herd_c=$!
      wait "$herd_c"
    fi
    cat <&3 >/dev/null 2>&1 &
    herd_c=$!
    wait "$herd_c" && kill -USR2 "$herd_me"
  ) </dev/null >/dev/null 2>&1 &
  herd_e=$!
  exec 3<&-
fi
if [ "$herd_t" -gt 0 ]; then
  (
    trap 'kill "$herd_s" 2>/dev/null; exit 0' TERM
    sleep "$herd_t" &
    herd_s=$!
    wait "$herd_s" && kill -USR1 "$herd_me"
  ) </dev/null >/dev/null 2>&1 &
  herd_w=$!
  trap 'echo "@@herd-timeout" >&2; trap "" TERM; kill -TERM 0 2>/dev/null; (sleep 1; kill -KILL 0) </dev/null >/dev/null 2>&1 & exit 124' USR1
fi
wait "$herd_p"
herd_rc=$?
if [ -n "$herd_w" ]; then kill "$herd_w" 2>/dev/null; fi
if [ -n "$herd_e" ]; then kill "$herd_e" 2>/dev/null; fi
exit "$herd_rc"
"""#

    /// The full remote command line: the wrapper run by /bin/sh with the timeout, the command, and whether to
    /// stop the command at EOF on stdin (only when the caller holds stdin open: `StreamOptions.holdStdin`).
    /// `stdinBytes` (> 0 only with `stopOnEOF`) is how many bytes herd writes on the ssh stdin for the command
    /// before holding it open.
    public static func wrapped(_ words: [String], timeoutSeconds: Int, stopOnEOF: Bool = false, stdinBytes: Int = 0) -> String {
        let head = "exec /bin/sh -c \(ShellQuote.quote(wrapper)) herd-on \(max(0, timeoutSeconds)) \(ShellQuote.quote(shellText(words))) \(stopOnEOF ? 1 : 0)"
        return stopOnEOF && stdinBytes > 0 ? head + " \(stdinBytes)" : head
    }
}
