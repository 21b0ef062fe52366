/// What `herd ls --fast --json` prints: the roster as hosts.json holds it, plus the default host.
public struct RosterDocument: StructuredDocument {
    /// The host commands use when none is named; absent when there is none.
    public var defaultHost: String?
    public var hosts: [Host]

    public init(defaultHost: String?, hosts: [Host]) {
        self.defaultHost = defaultHost
        self.hosts = hosts
    }
}
