import Foundation

/// Imports pool's `pool.json`: an array of hosts, `{"hosts": [...]}`, or an object of name → host.
enum PoolJSONImporter {
    static func parse(_ text: String, file: String) throws -> RosterImport {
        let data = Data(text.utf8)
        if let failure = JSONSyntax.check(data) {
            throw HerdError.badFile(file: file, message: failure.description)
        }
        let root = try JSONSerialization.jsonObject(with: data)
        var result = RosterImport(format: .poolJSON, hosts: [], rejected: [])
        let entries: [(String?, Any)]
        if let list = root as? [Any] {
            entries = list.map { (nil, $0) }
        } else if let object = root as? [String: Any], let list = object["hosts"] as? [Any] {
            entries = list.map { (nil, $0) }
        } else if let object = root as? [String: Any] {
            entries = object.keys.sorted().map { ($0, object[$0]!) }
        } else {
            throw HerdError.badFile(file: file, message: "expected an array of hosts or an object")
        }
        for (index, (key, value)) in entries.enumerated() {
            guard let fields = value as? [String: Any] else {
                result.rejected.append(.init(name: key ?? "#\(index + 1)", reason: "entry is not an object"))
                continue
            }
            guard let name = (fields["name"] as? String) ?? key, let ssh = fields["ssh"] as? String else {
                let label = (fields["name"] as? String) ?? key ?? "#\(index + 1)"
                result.rejected.append(.init(name: label, reason: "missing 'name' or 'ssh'"))
                continue
            }
            result.offer(Host(
                name: name, ssh: ssh,
                sudo: fields["sudo"] as? Bool ?? false,
                os: fields["os"] as? String ?? "",
                shared: fields["shared"] as? Bool ?? true,
                clean: fields["clean"] as? Bool ?? true,
                description: (fields["description"] as? String) ?? (fields["desc"] as? String) ?? "",
                tags: fields["tags"] as? [String] ?? []
            ))
        }
        return result
    }
}
