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
    }

    public var format: Format
    public var hosts: [Host]
    public var rejected: [Rejected]

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

    /// Reads `text` (the content of `file`), detecting its format by content.
    public static func parse(_ text: String, file: String) throws -> RosterImport {
        let firstChar = text.first { !$0.isWhitespace }
        if firstChar == "{" || firstChar == "[" {
            return try PoolJSONImporter.parse(text, file: file)
        }
        if SSHConfigImporter.looksLikeSSHConfig(text) {
            return SSHConfigImporter.parse(text)
        }
        return try YAMLRosterImporter.parse(text, file: file)
    }
}
