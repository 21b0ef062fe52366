import Foundation
import Yams

/// Imports the YAML host lists of p (`config.yaml`, `workers:` with `connection`) and axis
/// (`nodes.yaml`, entries with `hostname`, `ssh_user`, `ssh_port`). Each takes a mapping of name → entry
/// or a list of entries with `name`.
enum YAMLRosterImporter {
    static func parse(_ text: String, file: String) throws -> RosterImport {
        if let problem = YAMLLimits.shapeProblem(text) { throw HerdError.badFile(file: file, message: problem) }
        let root: Any?
        do {
            guard let node = try Yams.compose(yaml: text) else { throw HerdError.badFile(file: file, message: "the file is empty") }
            if let problem = YAMLLimits.expansionProblem(node) { throw HerdError.badFile(file: file, message: problem) }
            root = try Yams.load(yaml: text)
        } catch let error as HerdError {
            throw error
        } catch {
            throw HerdError.badFile(file: file, message: oneLine("\(error)"))
        }
        guard let top = ImportFields(root as Any)?.fields else {
            throw HerdError.badFile(file: file, message: "not a pool.json, p config.yaml, axis nodes.yaml or ssh_config")
        }
        if let workers = top["workers"] {
            var r = try collect(workers, format: .pConfig, file: file, section: "workers", makeHost: pWorker)
            // p's default_worker: taken when it names one of the workers herd took.
            if let d = top["default_worker"] as? String, r.hosts.contains(where: { $0.name == d }) { r.defaultHost = d }
            return r
        }
        if let nodes = top["nodes"] {
            return try collect(nodes, format: .axisNodes, file: file, section: "nodes", makeHost: axisNode)
        }
        if top.values.contains(where: { ImportFields($0)?.has("hostname") == true }) {
            return try collect(top, format: .axisNodes, file: file, section: "top level", makeHost: axisNode)
        }
        throw HerdError.badFile(file: file, message: "no 'workers:' (p) or 'nodes:' (axis) section, and not an ssh_config")
    }

    private static func collect(
        _ section: Any, format: RosterImport.Format, file: String, section label: String,
        makeHost: (String, Any) -> Result<Host, HerdError>
    ) throws -> RosterImport {
        var entries: [(String, Any)] = []
        var result = RosterImport(format: format, hosts: [], rejected: [])
        if let list = section as? [Any] {
            for (i, item) in list.enumerated() {
                do {
                    guard let fields = ImportFields(item) else { throw HerdError.invalidInput("entry is not a mapping") }
                    guard let name = try fields.string("name") else { throw HerdError.invalidInput("missing 'name'") }
                    entries.append((name, item))
                } catch {
                    result.rejected.append(.init(name: "#\(i + 1)", reason: "\(error)"))
                }
            }
        } else if let map = section as? [AnyHashable: Any] {
            for (key, value) in map {
                guard let name = key.base as? String else {
                    result.rejected.append(.init(name: "\(key.base)", reason: "the name must be a string, not \(ImportFields.describe(key.base))"))
                    continue
                }
                entries.append((name, value))
            }
            entries.sort { $0.0 < $1.0 }
        } else {
            throw HerdError.badFile(file: file, message: "'\(label)' is neither a mapping nor a list")
        }
        for (name, value) in entries {
            switch makeHost(name, value) {
            case .success(let host): result.offer(host)
            case .failure(let error): result.rejected.append(.init(name: name, reason: "\(error)"))
            }
        }
        return result
    }

    private static func pWorker(_ name: String, _ value: Any) -> Result<Host, HerdError> {
        if let connection = value as? String, !ImportFields.isBool(value) { return .success(Host(name: name, ssh: connection)) }
        guard let fields = ImportFields(value) else { return .failure(.invalidInput("entry is neither a connection string nor a mapping")) }
        return Result {
            guard let connection = try fields.string("connection") else { throw HerdError.invalidInput("no 'connection'") }
            return try common(Host(name: name, ssh: connection), fields)
        }.mapError { $0 as? HerdError ?? .invalidInput("\($0)") }
    }

    private static func axisNode(_ name: String, _ value: Any) -> Result<Host, HerdError> {
        guard let fields = ImportFields(value) else { return .failure(.invalidInput("entry is not a mapping")) }
        return Result {
            guard let hostname = try fields.string("hostname") else { throw HerdError.invalidInput("no 'hostname'") }
            let port = try fields.int("ssh_port")
            if let port, !(1...65535).contains(port) { throw HerdError.invalidInput("'ssh_port' must be between 1 and 65535, not \(port)") }
            var target = hostname.contains(":") && port != nil ? "[\(hostname)]" : hostname
            if let user = try fields.string("ssh_user") { target = "\(user)@\(target)" }
            if let port { target += ":\(port)" }
            var host = try common(Host(name: name, ssh: target), fields)
            // axis: `timeout_sec` is the node's probe bound; `role` (head, worker, …) becomes a tag.
            if let t = try fields.number("timeout_sec") {
                try Host.validateTimeout(t, host: name)
                host.timeout = t
            }
            if let role = try fields.string("role"), !host.tags.contains(role) { host.tags.append(role) }
            return host
        }.mapError { $0 as? HerdError ?? .invalidInput("\($0)") }
    }

    /// Fills the optional fields both formats may carry, each type-checked.
    private static func common(_ host: Host, _ fields: ImportFields) throws -> Host {
        var h = host
        if let d = try fields.string("description") ?? fields.string("desc") { h.description = d }
        if let t = try fields.strings("tags") { h.tags = t }
        if let s = try fields.bool("sudo") { h.sudo = s }
        if let s = try fields.bool("shared") { h.shared = s }
        if let c = try fields.bool("clean") { h.clean = c }
        if let o = try fields.string("os") { h.os = o }
        return h
    }

    /// The parser's message on one line, at most 200 characters (it quotes the offending line of the file, which
    /// may be megabytes long), control characters shown as `?`.
    static func oneLine(_ s: String) -> String {
        let line = s.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.allSatisfy { $0 == "^" } }.joined(separator: " ")
        let visible = String(String.UnicodeScalarView(line.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : $0 }))
        return visible.count > 200 ? visible.prefix(199) + "…" : visible
    }
}
