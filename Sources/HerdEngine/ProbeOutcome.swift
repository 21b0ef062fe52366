import HerdRemote

/// What one probe attempt of one host produced.
public enum ProbeOutcome: Sendable, Equatable {
    /// The agent answered with this probe text after `latency`.
    case answered(String, latency: Duration)
    /// The agent answered with these lines (a session's answer, already split: not joined to be split again).
    case answeredLines([String], latency: Duration)
    /// No connection or no answer in time.
    case unreachable(String)
    /// Reached, but ssh refused us or the probe failed.
    case failed(String)

    /// The outcome of ssh exiting `status` with `stderr`: down hosts are unreachable, the rest failures.
    static func sshFailure(status: Int32, stderr: String) -> ProbeOutcome {
        switch SSHFailure.classify(status: status, stderr: stderr) {
        case (.unreachable, let reason): return .unreachable(reason)
        case (.error, let reason): return .failed(reason)
        }
    }
}
