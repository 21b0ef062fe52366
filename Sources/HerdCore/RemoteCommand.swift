/// The command lines herd sends for `herd on`: the user's words, quoted so the remote shell sees them as typed,
/// inside a POSIX-sh wrapper that enforces the timeout on the remote side too.
public enum RemoteCommand {
    /// The command text the remote shell runs for `words`: a single word is taken as a shell command line
    /// (as ssh and pdsh take it: `herd on all -- 'df -h | grep /'`); several words are quoted one by one.
    public static func shellText(_ words: [String]) -> String {
        words.count == 1 ? words[0] : ShellQuote.join(words)
    }

    /// The marker the wrapper prints on stderr when it killed the command for running past its timeout.
    public static let timeoutMarker = "@@herd-timeout"

    /// Runs `command` under /bin/sh; after `timeoutSeconds` (0: never) it prints the marker, sends TERM to the
    /// command's whole process group, KILL one second later, and exits 124. Output and exit status pass through.
    public static let wrapper = #"""
herd_t=$1
/bin/sh -c "$2" &
herd_p=$!
herd_w=
if [ "$herd_t" -gt 0 ]; then
  herd_me=$$
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
exit "$herd_rc"
"""#

    /// The full remote command line: the wrapper run by /bin/sh with the timeout and the command as arguments.
    public static func wrapped(_ words: [String], timeoutSeconds: Int) -> String {
        "exec /bin/sh -c \(ShellQuote.quote(wrapper)) herd-on \(max(0, timeoutSeconds)) \(ShellQuote.quote(shellText(words)))"
    }
}
