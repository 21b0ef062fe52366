/// An ssh destination as written in the roster: `user@host`, `user@host:port`, `host`, or an ssh_config alias.
///
/// `ssh://user@host:port` is accepted on input (p and axis write it) and normalised to `user@host:port`.
public struct SSHTarget: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The login user, when given; otherwise ssh_config or the local user decide.
    public var user: String?
    /// The host name, address or ssh_config alias.
    public var host: String
    /// The TCP port, when given; otherwise ssh_config or 22.
    public var port: Int?

    public init(user: String? = nil, host: String, port: Int? = nil) {
        self.user = user
        self.host = host
        self.port = port
    }

    /// Parses `text`, throwing `HerdError.invalidInput` that names the target and the problem.
    public init(parsing text: String) throws {
        var rest = Substring(text)
        if rest.hasPrefix("ssh://") { rest = rest.dropFirst(6) }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty else { throw HerdError.invalidInput("ssh target is empty") }
        for ch in rest.unicodeScalars where ch.value <= 0x20 || ch.value == 0x7F || "'\"`\\;|&<>$(){}*?!".unicodeScalars.contains(ch) {
            throw HerdError.invalidInput("ssh target '\(text)' contains an invalid character")
        }
        if rest.hasPrefix("-") { throw HerdError.invalidInput("ssh target '\(text)' must not start with '-'") }
        var user: String?
        if let at = rest.lastIndex(of: "@") {
            user = String(rest[..<at])
            rest = rest[rest.index(after: at)...]
            if user?.isEmpty == true { throw HerdError.invalidInput("ssh target '\(text)' has an empty user") }
        }
        var port: Int?
        var host = rest
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else {
                throw HerdError.invalidInput("ssh target '\(text)' has an unclosed '['")
            }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw HerdError.invalidInput("ssh target '\(text)' has text after ']'") }
                port = try Self.parsePort(after.dropFirst(), in: text)
            }
        } else if rest.filter({ $0 == ":" }).count == 1, let colon = rest.firstIndex(of: ":") {
            host = rest[..<colon]
            port = try Self.parsePort(rest[rest.index(after: colon)...], in: text)
        }
        if host.isEmpty { throw HerdError.invalidInput("ssh target '\(text)' has an empty host") }
        if host.hasPrefix("-") { throw HerdError.invalidInput("ssh target '\(text)' has a host starting with '-'") }
        self.init(user: user, host: String(host), port: port)
    }

    private static func parsePort(_ s: Substring, in text: String) throws -> Int {
        guard let p = Int(s), (1...65535).contains(p) else {
            throw HerdError.invalidInput("ssh target '\(text)' has an invalid port '\(s)'")
        }
        return p
    }

    /// `user@host` as ssh takes it as its destination argument (port goes separately with `-p`).
    public var destination: String {
        if let user { return "\(user)@\(host)" }
        return host
    }

    /// The canonical text form: `user@host:port`, with brackets around an IPv6 host that has a port.
    public var description: String {
        var s = user.map { "\($0)@" } ?? ""
        if let port {
            s += host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        } else {
            s += host
        }
        return s
    }
}
