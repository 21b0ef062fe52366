/// One host's outcome of `herd cp` or `herd rcp`.
public struct CopyResult: Sendable, Equatable {
    /// The roster name of the host.
    public var host: String
    /// Nil when the copy succeeded; else one line saying why it failed.
    public var error: String?
    /// How long the copy took, in milliseconds.
    public var durationMs: Double

    public init(host: String, error: String?, durationMs: Double) {
        self.host = host
        self.error = error
        self.durationMs = durationMs
    }

    /// True when the copy succeeded.
    public var ok: Bool { error == nil }
}
