import Foundation
import HerdCore

/// Why an attach failed, when the failure happened on the host after ssh got through: the remote tmux's
/// standard error goes to a file in the host's `~/.herd` (the terminal's copy is wiped by the dashboard's redraw),
/// and is read back (and removed) over a plain ssh call when the attach exits non-zero.
public enum AttachFailure {
    /// A fresh file name under the host's `$HOME/.herd`, unique to this attach.
    public static func remoteFile() -> String { ".herd/attach-\(UUID().uuidString.prefix(12).lowercased()).err" }

    /// The remote command line: attach with tmux's errors in `errFile`; the file is removed when all went well.
    static func command(session: String, errFile: String) -> String {
        let f = "\"$HOME\"/" + ShellQuote.quote(errFile)
        return "mkdir -p \"$HOME\"/.herd && tmux attach -t \(ShellQuote.quote("=" + session)) 2>\(f); s=$?; "
            + "[ \"$s\" -eq 0 ] && rm -f \(f); exit \"$s\""
    }

    /// The remote command line that prints and removes `errFile`.
    static func fetch(errFile: String) -> String {
        let f = "\"$HOME\"/" + ShellQuote.quote(errFile)
        return "cat \(f) 2>/dev/null; rm -f \(f)"
    }

    /// The text to take the reason from: the host's tmux errors when there are any, else ssh's local ones.
    public static func reason(remote: String, local: String) -> String {
        remote.contains(where: { !$0.isWhitespace }) ? TerminalText.line(remote.split(whereSeparator: \.isNewline).last.map(String.init) ?? "") : local
    }
}
