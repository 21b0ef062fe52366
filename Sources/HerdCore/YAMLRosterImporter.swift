import Foundation
import Yams

/// Imports the YAML host lists of p (`config.yaml`, `workers:` with `connection`) and axis
/// (`nodes.yaml`, entries with `hostname`, `ssh_user`, `ssh_port`). Each takes a mapping of name → entry
/// or a list of entries with `name`.
enum YAMLRosterImporter {
    static func parse(_ text: String, file: String) throws -> RosterImport {
        let root: Any?
        do { root = try Yams.load(yaml: text) } catch {
            throw HerdError.badFile(file: file, message: oneLine("\(error)"))
        }
        guard let top = root as? [String: Any] else {
            throw HerdError.badFile(file: file, message: "not a pool.json, p config.yaml, axis nodes.yaml or ssh_config")
        }
        if let workers = top["workers"] {
            return try collect(workers, format: .pConfig, file: file, section: "workers", makeHost: pWorker)
        }
        if let nodes = top["nodes"] {
            return try collect(nodes, format: .axisNodes, file: file, section: "nodes", makeHost: axisNode)
        }
        if top.values.contains(where: { ($0 as? [String: Any])?["hostname"] != nil }) {
            return try collect(top, format: .axisNodes, file: file, section: "top level", makeHost: axisNode)
        }
        throw HerdError.badFile(file: file, message: "no 'workers:' (p) or 'nodes:' (axis) section, and not an ssh_config")
    }

    private static func collect(
        _ section: Any, format: RosterImport.Format, file: String, section label: String,
        makeHost: (String, Any) -> Result<Host, HerdError>
    ) throws -> RosterImport {
        var entries: [(String, Any)] = []
        if let map = section as? [String: Any] {
            entries = map.keys.sorted().map { ($0, map[$0]!) }
        } else if let list = section as? [Any] {
            for (i, item) in list.enumerated() {
                let name = ((item as? [String: Any])?["name"]).map { "\($0)" } ?? "#\(i + 1)"
                entries.append((name, item))
            }
        } else {
            throw HerdError.badFile(file: file, message: "'\(label)' is neither a mapping nor a list")
        }
        var result = RosterImport(format: format, hosts: [], rejected: [])
        for (name, value) in entries {
            switch makeHost(name, value) {
            case .success(let host): result.offer(host)
            case .failure(let error): result.rejected.append(.init(name: name, reason: "\(error)"))
            }
        }
        return result
    }

    private static func pWorker(_ name: String, _ value: Any) -> Result<Host, HerdError> {
        if let connection = value as? String { return .success(Host(name: name, ssh: connection)) }
        guard let fields = value as? [String: Any], let connection = fields["connection"] as? String else {
            return .failure(.invalidInput("no 'connection'"))
        }
        return .success(common(Host(name: name, ssh: connection), fields))
    }

    private static func axisNode(_ name: String, _ value: Any) -> Result<Host, HerdError> {
        guard let fields = value as? [String: Any], let hostname = fields["hostname"].map({ "\($0)" }) else {
            return .failure(.invalidInput("no 'hostname'"))
        }
        var target = hostname.contains(":") && fields["ssh_port"] != nil ? "[\(hostname)]" : hostname
        if let user = fields["ssh_user"] { target = "\(user)@\(target)" }
        if let port = fields["ssh_port"] { target += ":\(port)" }
        return .success(common(Host(name: name, ssh: target), fields))
    }

    /// Fills the optional fields both formats may carry.
    private static func common(_ host: Host, _ fields: [String: Any]) -> Host {
        var h = host
        if let d = (fields["description"] ?? fields["desc"]) as? String { h.description = d }
        if let t = fields["tags"] as? [String] { h.tags = t }
        if let s = fields["sudo"] as? Bool { h.sudo = s }
        if let s = fields["shared"] as? Bool { h.shared = s }
        if let o = fields["os"] as? String { h.os = o }
        return h
    }

    private static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.allSatisfy { $0 == "^" } }.joined(separator: " ")
    }
}
