/// The `Host` blocks of an ssh_config (with its `Include`s followed), enough to resolve what a destination
/// connects to, as ssh does: for each of HostName, User and Port the first matching block that sets it wins.
/// `Match` blocks are not evaluated (their settings are ignored).
public struct SSHConfigResolution: Sendable, Equatable {
    /// One `Host` block: its patterns (`*`, `?`, `!negated`) and the settings it gives, first value per keyword.
    struct Block: Sendable, Equatable {
        var patterns: [String]
        var settings: [String: String] = [:]

        /// ssh's rule: some positive pattern matches and no negated one does (case-insensitive).
        func matches(_ host: String) -> Bool {
            var matched = false
            for p in patterns {
                if p.hasPrefix("!") {
                    if Self.wildcard(String(p.dropFirst()).lowercased(), host.lowercased()) { return false }
                } else if Self.wildcard(p.lowercased(), host.lowercased()) {
                    matched = true
                }
            }
            return matched
        }

        /// `*` and `?` glob matching (iterative, linear in practice).
        static func wildcard(_ pattern: String, _ text: String) -> Bool {
            let p = Array(pattern.unicodeScalars), t = Array(text.unicodeScalars)
            var i = 0, j = 0, star = -1, mark = 0
            while j < t.count {
                if i < p.count && (p[i] == "?" || p[i] == t[j]) {
                    i += 1; j += 1
                } else if i < p.count && p[i] == "*" {
                    star = i; mark = j; i += 1
                } else if star >= 0 {
                    i = star + 1; mark += 1; j = mark
                } else {
                    return false
                }
            }
            while i < p.count && p[i] == "*" { i += 1 }
            return i == p.count
        }
    }

    var blocks: [Block] = []

    public init() {}

    /// This resolution followed by `other`'s blocks (earlier blocks win, as in one ssh_config).
    public func followed(by other: SSHConfigResolution) -> SSHConfigResolution {
        var r = self
        r.blocks += other.blocks
        return r
    }

    /// `target` with what the config sets filled in: HostName replaces the host (`%h` expanded), User and Port
    /// apply where the target gives none.
    public func resolve(_ target: SSHTarget) -> SSHTarget {
        var hostName: String?, user: String?, port: String?
        for b in blocks where b.matches(target.host) {
            hostName = hostName ?? b.settings["hostname"]
            user = user ?? b.settings["user"]
            port = port ?? b.settings["port"]
        }
        let host = hostName.map { $0.replacingOccurrences(of: "%h", with: target.host) } ?? target.host
        return SSHTarget(user: target.user ?? user, host: host, port: target.port ?? port.flatMap { Int($0) })
    }

    /// What a roster target connects to, as one comparable string: `user@host:port`, the host lowercased, the
    /// user defaulting to `defaultUser` and the port to 22.
    public func identity(of ssh: String, defaultUser: String) -> String {
        let parsed = (try? SSHTarget(parsing: ssh)) ?? SSHTarget(host: ssh)
        let r = resolve(parsed)
        return SSHTarget(user: r.user ?? defaultUser, host: r.host.lowercased(), port: r.port ?? 22).description
    }
}
