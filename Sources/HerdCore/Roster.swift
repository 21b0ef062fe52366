/// The set of hosts herd knows, in the order they were added, plus the default host for `herd run`.
public struct Roster: Sendable, Equatable {
    /// The hosts, in insertion order; names are unique.
    public private(set) var hosts: [Host]
    /// The host `herd run` uses when none is named.
    public private(set) var defaultHost: String?

    public init(hosts: [Host] = [], defaultHost: String? = nil) {
        self.hosts = hosts
        self.defaultHost = defaultHost
    }

    /// Whether no host has been added (herd then shows the local machine as `local`).
    public var isEmpty: Bool { hosts.isEmpty }

    /// The host called `name`, if any.
    public func host(named name: String) -> Host? { hosts.first { $0.name == name } }

    /// The hosts commands act on: the roster, or the implicit `local` host when the roster is empty.
    public func effectiveHosts(localOS: String) -> [Host] {
        hosts.isEmpty ? [Host.local(os: localOS)] : hosts
    }

    /// Adds `host` after validating its name and target (stored in canonical form); refuses a duplicate name.
    @discardableResult
    public mutating func add(_ host: Host) throws -> Host {
        var host = host
        try HostName.validate(host.name)
        host.ssh = try SSHTarget(parsing: host.ssh).description
        for tag in host.tags { try Self.validateTag(tag) }
        try Self.validateText(host)
        if self.host(named: host.name) != nil {
            throw HerdError.invalidInput("host '\(host.name)' is already in the roster")
        }
        hosts.append(host)
        return host
    }

    /// Removes the host called `name`; clears the default when it pointed there.
    @discardableResult
    public mutating func remove(_ name: String) throws -> Host {
        let i = try index(of: name)
        if defaultHost == name { defaultHost = nil }
        return hosts.remove(at: i)
    }

    /// Applies `change` to the host called `name`; the name itself cannot change.
    public mutating func update(_ name: String, _ change: (inout Host) throws -> Void) throws {
        let i = try index(of: name)
        var h = hosts[i]
        try change(&h)
        h.name = name
        for tag in h.tags { try Self.validateTag(tag) }
        try Self.validateText(h)
        hosts[i] = h
    }

    /// The host called `name`; an unknown name, or a selector matching several hosts, is an error saying so.
    public func host(exactly name: String) throws -> Host { hosts[try index(of: name)] }

    /// Makes `name` the default host of `herd run`.
    public mutating func setDefault(_ name: String) throws {
        _ = try index(of: name)
        defaultHost = name
    }

    /// Throws unless `tag` is usable in `@tag` selectors (same character rules as host names).
    public static func validateTag(_ tag: String) throws {
        do { try HostName.validate(tag) } catch let HerdError.invalidInput(m) {
            throw HerdError.invalidInput(m.replacingFirst("host name", with: "tag"))
        }
    }

    /// Throws unless `text` (a description, an OS name, a reservation note) is one line free of control
    /// characters: a newline would forge a table row, an escape would reach the operator's terminal when shown.
    public static func validateText(_ text: String, field: String) throws {
        guard TerminalText.hasControlCharacters(text) else { return }
        throw HerdError.invalidInput("\(field) must be one line without control characters (newline, tab, escape): \(TerminalText.line(text).prefix(60))")
    }

    /// The stored free-text fields of `host` (description, OS) are free of control characters.
    static func validateText(_ host: Host) throws {
        try validateText(host.description, field: "the description of \(host.name)")
        try validateText(host.os, field: "the OS of \(host.name)")
        try Host.validateTimeout(host.timeout, host: host.name)
    }

    private func index(of name: String) throws -> Int {
        if let i = hosts.firstIndex(where: { $0.name == name }) { return i }
        // A selector (`tb[01-03]`, `@gpu`, `a,b`) where one host is meant: list what it matches.
        if let several = try? TargetSelector(name).resolve(in: hosts), several.count > 1 {
            throw TargetSelector.severalError(name, several.map(\.name))
        }
        throw HerdError.unknownHost(name, suggestion: Suggestion.closest(to: name, in: hosts.map(\.name)))
    }
}

extension String {
    /// This string with the first occurrence of `target` replaced by `replacement`.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
