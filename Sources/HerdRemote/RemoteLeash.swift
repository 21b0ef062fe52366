import HerdCore

/// Ties a remote script to its ssh connection, so that Ctrl-C on herd (or herd dying, or the network dropping) stops
/// the remote work instead of leaving it running.
///
/// sshd never signals a command whose client went away: it only closes the command's pipes. The leash is a
/// background loop that writes a `@@alive` line every second; once stdout is broken (the channel is gone) it sends
/// TERM to the script's whole process group (`kill 0`: the loop shares it, as sh without job control keeps background
/// jobs in its group), first through `sudo -n` when the script runs privileged steps (their processes belong to root;
/// the group id then comes from `ps`). The script ends the leash on its way out (an EXIT trap sends KILL: the leash itself outlives a TERM to the group,
/// which it passes on to the root-owned steps), so a finished run costs nothing.
/// Parsers of the script's output ignore the `@@alive` lines.
public enum RemoteLeash {
    /// The heartbeat line.
    public static let heartbeat = "@@alive"

    /// Shell text that runs `script` leashed: the script's leading comment lines (file-wide shellcheck directives
    /// must stay first), the leash, then the rest of the script. With `sudo`, the leash also signals the group
    /// through `sudo -n`; the script's positional parameters are untouched.
    public static func wrap(_ script: String, sudo: Bool) -> String {
        let lines = script.split(separator: "\n", omittingEmptySubsequences: false)
        let head = lines.prefix { $0.hasPrefix("#") }
        let rest = lines.dropFirst(head.count)
        return head.map { $0 + "\n" }.joined() + leash(sudo: sudo) + "\n" + rest.joined(separator: "\n")
    }

    private static func leash(sudo: Bool) -> String {
        """
        # herd leash: stop this script's process group once the ssh connection is gone
        herd_leash_pg=$(ps -o pgid= -p $$ 2>/dev/null | tr -d ' ')
        herd_leash_sudo=\(sudo ? 1 : 0)
        (
          trap '' PIPE
          # A TERM to the whole group (herd's EOF wrapper ending the command) must not kill the leash before it
          # has passed the signal on to the root-owned steps: it ends the loop instead.
          trap ':' TERM
          while sleep 1 >/dev/null 2>&1; do
            echo "\(heartbeat)" || break
          done
          if [ "$herd_leash_sudo" = 1 ] && [ -n "$herd_leash_pg" ]; then
            sudo -n kill -s TERM -- "-$herd_leash_pg" >/dev/null 2>&1
          fi
          kill -s TERM 0 >/dev/null 2>&1
        ) </dev/null 2>/dev/null &
        herd_leash_pid=$!
        trap 'kill -s KILL "$herd_leash_pid" 2>/dev/null' EXIT
        """
    }
}
