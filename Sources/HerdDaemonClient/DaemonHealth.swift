import Foundation

/// What `GET /healthz` says about the running daemon.
public struct DaemonHealth: Decodable, Sendable, Equatable {
    public var status: String
    public var pid: Int
    public var startedAt: Date
    public var home: String
    public var version: String

    private enum CodingKeys: String, CodingKey {
        case status, pid, home, version
        case startedAt = "started_at"
    }

    public init(status: String, pid: Int, startedAt: Date, home: String, version: String) {
        self.status = status
        self.pid = pid
        self.startedAt = startedAt
        self.home = home
        self.version = version
    }
}
