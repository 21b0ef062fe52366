/// What one probe attempt of one host produced.
public enum ProbeOutcome: Sendable, Equatable {
    /// The agent answered with this probe text after `latency`.
    case answered(String, latency: Duration)
    /// No connection or no answer in time.
    case unreachable(String)
    /// Reached, but ssh refused us or the probe failed.
    case failed(String)
}
