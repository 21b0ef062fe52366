/// One machine in the roster: how to reach it over ssh and how herd may use it.
///
/// The keys match pool's `pool.json` (`name ssh sudo os shared clean description`) plus herd's `tags`.
public struct Host: Codable, Sendable, Equatable, Hashable {
    /// The roster name (see `HostName`), unique in a roster.
    public var name: String
    /// The ssh target: `user@host`, `user@host:port` or an ssh_config alias (see `SSHTarget`).
    public var ssh: String
    /// Whether herd may run privileged steps (clean, init) with sudo on this host.
    public var sudo: Bool
    /// The operating system family as last seen ("linux", "macos"), or empty when unknown.
    public var os: String
    /// A shared host takes work from `all`; a dedicated one (`shared: false`) only when named.
    public var shared: Bool
    /// Whether `herd clean` and the cleanup cron may touch this host.
    public var clean: Bool
    /// Free text shown in the DESC column.
    public var description: String
    /// Labels used by `@tag` selectors.
    public var tags: [String]
    /// Seconds a probe of this host may take (`timeout` in hosts.json); nil (absent) = the global `--timeout`.
    /// A slow link gets a longer bound without slowing the whole roster's rounds.
    public var timeout: Double?

    public init(
        name: String, ssh: String, sudo: Bool = false, os: String = "", shared: Bool = true,
        clean: Bool = true, description: String = "", tags: [String] = [], timeout: Double? = nil
    ) {
        self.name = name
        self.ssh = ssh
        self.sudo = sudo
        self.os = os
        self.shared = shared
        self.clean = clean
        self.description = description
        self.tags = tags
        self.timeout = timeout
    }

    /// A dedicated host is never picked by `all`, `@tag` or placement; only when named.
    public var dedicated: Bool { !shared }

    /// The name of the implicit host that stands for this machine when the roster is empty.
    public static let localName = "local"

    /// The parsed ssh target. Roster targets are validated on the way in; one that still does not parse is handed
    /// to ssh as it is, and ssh names the problem.
    public var target: SSHTarget { (try? SSHTarget(parsing: ssh)) ?? SSHTarget(host: ssh) }

    /// The probe bound for this host: its own `timeout` when set, else `global`.
    public func probeTimeout(global: Duration) -> Duration {
        guard let timeout, timeout > 0 else { return global }
        return .milliseconds(Int((timeout * 1000).rounded()))
    }

    /// Throws unless `seconds` is a usable per-host timeout (more than 0, at most a day).
    public static func validateTimeout(_ seconds: Double?, host: String) throws {
        guard let seconds else { return }
        guard seconds.isFinite, seconds > 0, seconds <= 86400 else {
            throw HerdError.invalidInput("the timeout of \(host) must be between 0 and 86400 seconds, not \(seconds)")
        }
    }

    /// Whether this is the machine herd runs on, probed without ssh (the implicit `local` host).
    public var isLocal: Bool { name == Host.localName && ssh == "localhost" }

    /// The implicit host for this machine, probed without ssh.
    public static func local(os: String) -> Host {
        Host(name: localName, ssh: "localhost", sudo: false, os: os, description: "this machine")
    }

    private enum CodingKeys: String, CodingKey {
        case name, ssh, sudo, os, shared, clean, description, tags, timeout
    }

    /// Decodes leniently: only `name` and `ssh` are required, the rest default as pool does.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        ssh = try c.decode(String.self, forKey: .ssh)
        sudo = try c.decodeIfPresent(Bool.self, forKey: .sudo) ?? false
        os = try c.decodeIfPresent(String.self, forKey: .os) ?? ""
        shared = try c.decodeIfPresent(Bool.self, forKey: .shared) ?? true
        clean = try c.decodeIfPresent(Bool.self, forKey: .clean) ?? true
        description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        timeout = try c.decodeIfPresent(Double.self, forKey: .timeout)
    }
}
