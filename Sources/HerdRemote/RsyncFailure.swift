import Foundation

/// Turns a failed rsync run (its exit status and stderr) into one line that says why: the host cannot be
/// reached (ssh's own reason), a path does not exist, permission is denied, the disk is full, rsync is missing
/// on the host. rsync's last line ("rsync error: … (code 23) at main.c(…)") says none of that.
public enum RsyncFailure {
    /// One line naming the cause; `host` is the roster name of the other side.
    public static func reason(status: Int32, stderr: String, host: String) -> String {
        let lines = stderr.split(whereSeparator: \.isNewline).map { printable(String($0)) }.filter { !$0.isEmpty }
        // ssh could not connect or log in (rsync exits 255, or 12 when the remote shell died at once).
        if let ssh = lines.first(where: { $0.hasPrefix("ssh:") || sshProblems.contains(where: $0.contains) }) {
            let (kind, _) = SSHFailure.classify(status: 255, stderr: ssh)
            return kind == .unreachable ? "\(host) is unreachable (\(ssh))" : "cannot log in to \(host) (\(ssh))"
        }
        if lines.contains(where: { $0.contains("rsync: command not found") || $0.contains("rsync: not found") }) {
            return "rsync is not installed on \(host)"
        }
        // rsync's own complaints: `rsync: [sender] link_stat "/p" failed: No such file or directory (2)`.
        for line in lines where line.hasPrefix("rsync:") {
            if line.contains("connection unexpectedly closed") { continue }
            if let cause = errnoText(line) { return cause + (quotedPath(line).map { ": \($0)" } ?? "") }
            return line.dropFirst("rsync:".count).trimmingCharacters(in: .whitespaces)
        }
        switch status {
        case 20: return "interrupted"
        case 30, 35: return "timed out talking to \(host)"
        case 255, 12: return "the connection to \(host) failed" + (lines.last.map { " (\($0))" } ?? "")
        default: return lines.last.map { "\($0) (rsync exit \(status))" } ?? "rsync exited \(status)"
        }
    }

    /// ssh's phrases for "cannot log in" and "cannot connect" that do not start with `ssh:`.
    static let sshProblems = [
        "Permission denied (publickey", "Host key verification failed", "REMOTE HOST IDENTIFICATION HAS CHANGED",
        "Connection closed by", "Connection reset by", "kex_exchange_identification",
    ]

    /// The strerror text of `… failed: No such file or directory (2)`, lowercased.
    static func errnoText(_ line: String) -> String? {
        guard let r = line.range(of: "failed: ", options: .backwards) else { return nil }
        var text = line[r.upperBound...]
        if let paren = text.lastIndex(of: "(") { text = text[..<paren] }
        let t = text.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t.prefix(1).lowercased() + t.dropFirst()
    }

    /// The first double-quoted path in an rsync message.
    static func quotedPath(_ line: String) -> String? {
        guard let open = line.firstIndex(of: "\"") else { return nil }
        let rest = line[line.index(after: open)...]
        guard let close = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<close])
    }

    /// `text` with control characters (escape sequences, carriage returns) replaced by `?`: it came from a host.
    public static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { s in
            (s.value < 0x20 || (0x7f..<0xa0).contains(s.value)) ? "?" : s
        })).trimmingCharacters(in: .whitespaces)
    }
}
