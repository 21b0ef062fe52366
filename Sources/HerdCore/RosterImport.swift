import Foundation

/// What `herd host import` found in a file: the format, the hosts it names, and entries it could not take.
public struct RosterImport: Sendable, Equatable {
    /// The file formats herd imports.
    public enum Format: String, Sendable, Equatable {
        case poolJSON = "pool.json"
        case pConfig = "p config.yaml"
        case axisNodes = "axis nodes.yaml"
        case sshConfig = "ssh_config"
    }

    /// An entry of the file that does not make a valid host, and why.
    public struct Rejected: Sendable, Equatable {
        public var name: String
        public var reason: String

        public init(name: String, reason: String) {
            self.name = name
            self.reason = reason
        }
    }

    /// The largest file (and each included file) herd reads for an import.
    public static let maxFileBytes = 8 << 20

    public var format: Format
    public var hosts: [Host]
    public var rejected: [Rejected]
    /// Hosts left out because their target is one another host already has (set by `removingDuplicates`).
    public var duplicates: [Rejected] = []
    /// For an ssh_config: its Host blocks, which say what each alias connects to.
    public var resolution = SSHConfigResolution()
    /// The host the file names as its default (p's `default_worker`), when it names one of its hosts.
    public var defaultHost: String?

    public init(format: Format, hosts: [Host], rejected: [Rejected] = []) {
        self.format = format
        self.hosts = hosts
        self.rejected = rejected
    }

    /// Adds `host` when its name, target and tags are valid and its name is new in this import; else rejects it.
    mutating func offer(_ host: Host) {
        var probe = Roster(hosts: hosts)
        do {
            try probe.add(host)
            hosts.append(host)
        } catch {
            rejected.append(Rejected(name: host.name, reason: "\(error)"))
        }
    }

    /// Reads `text` (the content of `file`), detecting its format by content. An ssh_config's relative `Include`s
    /// resolve in `sshDirectory` (default `$HOME/.ssh`). A text over `maxFileBytes` is refused unread.
    public static func parse(_ text: String, file: String, sshDirectory: String? = nil, home: String? = nil) throws -> RosterImport {
        if text.utf8.count > maxFileBytes {
            throw HerdError.badFile(file: file, message: "larger than \(maxFileBytes >> 20) MiB; refused")
        }
        let firstChar = text.first { !$0.isWhitespace }
        if firstChar == "{" || firstChar == "[" {
            return try PoolJSONImporter.parse(text, file: file)
        }
        if SSHConfigImporter.looksLikeSSHConfig(text) {
            let home = home ?? userHome
            return try SSHConfigImporter.parse(text, file: file, sshDirectory: sshDirectory ?? home + "/.ssh", home: home)
        }
        return try YAMLRosterImporter.parse(text, file: file)
    }

    /// The content of `file`, refusing one over `maxFileBytes` before reading it; errors name the file.
    public static func readBounded(_ file: String) throws -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            throw HerdError.badFile(file: file, message: "is a directory, not a file")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue
        if let size, size > maxFileBytes {
            throw HerdError.badFile(file: file, message: "larger than \(maxFileBytes >> 20) MiB; refused")
        }
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw HerdError.badFile(file: file, message: "cannot read: no such file or not readable")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maxFileBytes + 1)) ?? Data()
        if data.count > maxFileBytes { throw HerdError.badFile(file: file, message: "larger than \(maxFileBytes >> 20) MiB; refused") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw HerdError.badFile(file: file, message: "not UTF-8 text")
        }
        return text
    }

    /// The resolution of the user's ssh_config (`configFile`, else `$HOME/.ssh/config`), for telling which roster
    /// targets are the same machine; empty when there is none or it cannot be read.
    public static func userResolution(configFile: String?, home: String? = nil) -> SSHConfigResolution {
        let home = home ?? userHome
        return SSHConfigImporter.resolution(ofFile: configFile ?? home + "/.ssh/config", sshDirectory: home + "/.ssh", home: home)
            ?? SSHConfigResolution()
    }

    /// This import without the hosts whose target (user@host:port after ssh_config resolution with `resolution`)
    /// belongs to a roster host of another name or to an earlier host of the file; those move to `duplicates`.
    /// Hosts whose name is already in `roster` are left for the caller to skip.
    public func removingDuplicates(of roster: [Host], resolution: SSHConfigResolution, defaultUser: String) -> RosterImport {
        var result = self
        result.hosts = []
        var seen: [String: String] = [:]
        for h in roster { seen[resolution.identity(of: h.ssh, defaultUser: defaultUser)] = h.name }
        let names = Set(roster.map(\.name))
        for h in hosts {
            let id = resolution.identity(of: h.ssh, defaultUser: defaultUser)
            if let other = seen[id], other != h.name {
                let whereFrom = names.contains(other) ? "already in the roster as '\(other)'" : "same machine as '\(other)' above"
                result.duplicates.append(Rejected(name: h.name, reason: "\(whereFrom) (\(id))"))
                continue
            }
            seen[id] = seen[id] ?? h.name
            result.hosts.append(h)
        }
        return result
    }

    /// `$HOME`, else the account's home directory.
    static var userHome: String {
        ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }
}
