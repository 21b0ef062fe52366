/// How the last probe of a host went.
public enum HostStatus: String, Codable, Sendable, Equatable {
    /// Not probed yet.
    case pending
    /// Every probe part parsed.
    case complete
    /// Reached, but some probe parts failed (see the reasons).
    case partial
    /// No connection or no answer in time.
    case unreachable
    /// Reached ssh but it refused us (authentication, host key), or the probe could not run.
    case error

    /// Whether the host answered.
    public var isUp: Bool { self == .complete || self == .partial }
}
