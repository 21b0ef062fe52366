/// Sorts a failed ssh call into "the host is down" and "something is wrong with how we reach it".
public enum SSHFailure {
    /// How a failure counts for a host's status.
    public enum Kind: Sendable, Equatable {
        /// Connection refused, timed out, reset, no route: the host (or its sshd) is down.
        case unreachable
        /// Authentication, host key, name resolution or the remote command itself failed.
        case error
    }

    /// The kind of failure for ssh exit `status` with `stderr`, and a one-line reason.
    public static func classify(status: Int32, stderr: String) -> (Kind, String) {
        let line = stderr.split(whereSeparator: \.isNewline).last { !$0.allSatisfy(\.isWhitespace) }.map(String.init) ?? ""
        let reason = line.isEmpty ? "ssh exited \(status)" : line
        guard status == 255 else { return (.error, "probe exited \(status)" + (line.isEmpty ? "" : ": \(line)")) }
        let configProblems = [
            "Permission denied", "Host key verification failed", "REMOTE HOST IDENTIFICATION HAS CHANGED",
            "Could not resolve hostname", "Bad configuration option", "no such identity", "Too many authentication failures",
        ]
        if configProblems.contains(where: { stderr.contains($0) }) { return (.error, reason) }
        return (.unreachable, reason)
    }
}
