import Foundation
import HerdStore

/// How `herd serve` runs: where it keeps state, where it listens, and what it allows.
public struct ServerConfig: Sendable {
    /// The state directory (`$HERD_HOME`); the socket, lock and token live in it.
    public var home: HerdHome
    /// The TCP address (`--listen HOST:PORT`), or nil with `--no-tcp`.
    public var tcp: (host: String, port: Int)?
    /// Whether `POST /v1/run` may start jobs (`--allow-exec`).
    public var allowExec: Bool
    /// Time between the starts of two refresh rounds.
    public var interval: Duration
    /// How long one host may take to answer a probe.
    public var timeout: Duration
    /// The largest request body accepted, in bytes.
    public var maxBody: Int
    /// The version string `/healthz` reports.
    public var version: String

    /// The default TCP port (axis's).
    public static let defaultPort = 42425

    public init(
        home: HerdHome, tcp: (host: String, port: Int)? = ("127.0.0.1", ServerConfig.defaultPort), allowExec: Bool = false,
        interval: Duration = .seconds(2), timeout: Duration = .seconds(5), maxBody: Int = 64 * 1024, version: String = "dev"
    ) {
        self.home = home
        self.tcp = tcp
        self.allowExec = allowExec
        self.interval = interval
        self.timeout = timeout
        self.maxBody = maxBody
        self.version = version
    }

    /// The Unix socket: `$HERD_HOME/herd.sock`.
    public var socketPath: String { home.root.appendingPathComponent("herd.sock").path }
    /// The lock that keeps a second `herd serve` on the same home from starting.
    public var lockPath: String { home.root.appendingPathComponent("serve.lock").path }
    /// The bearer token a non-loopback listener requires.
    public var tokenPath: String { home.root.appendingPathComponent("serve.token").path }

    /// Whether the TCP listener needs a bearer token: any address but loopback.
    public var needsToken: Bool {
        guard let tcp else { return false }
        return !Self.isLoopback(tcp.host)
    }

    /// `127.x.y.z`, `::1` and `localhost` are loopback.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Parses `HOST:PORT` (`[::1]:PORT` for IPv6; port 0 picks a free one); nil when it is not one.
    public static func parseListen(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var host = String(text[..<colon])
        guard let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port), !host.isEmpty else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == ":" || $0 == "-" }) else { return nil }
        return (host, port)
    }
}
