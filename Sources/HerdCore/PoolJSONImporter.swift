import Foundation

/// Imports pool's `pool.json`: an array of hosts, `{"hosts": [...]}`, or an object of name → host.
/// Every key is type-checked: an entry with a value of the wrong type is rejected with a reason naming the key.
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
            entries = object.keys.sorted().map { ($0, object[$0] ?? NSNull()) }
        } else {
            throw HerdError.badFile(file: file, message: "expected an array of hosts or an object")
        }
        for (index, (key, value)) in entries.enumerated() {
            let label = key ?? "#\(index + 1)"
            guard let fields = ImportFields(value) else {
                result.rejected.append(.init(name: label, reason: "entry is not an object"))
                continue
            }
            do {
                result.offer(try host(fields, key: key))
            } catch {
                let name = (try? fields.string("name")).flatMap { $0 } ?? label
                result.rejected.append(.init(name: name, reason: "\(error)"))
            }
        }
        return result
    }

    /// The host of one entry; `key` is its name in the name → host form.
    private static func host(_ fields: ImportFields, key: String?) throws -> Host {
        guard let name = try fields.string("name") ?? key else { throw HerdError.invalidInput("missing 'name'") }
        guard let ssh = try fields.string("ssh") else { throw HerdError.invalidInput("missing 'ssh'") }
        return Host(
            name: name, ssh: ssh,
            sudo: try fields.bool("sudo") ?? false,
            os: try fields.string("os") ?? "",
            shared: try fields.bool("shared") ?? true,
            clean: try fields.bool("clean") ?? true,
            description: try fields.string("description") ?? fields.string("desc") ?? "",
            tags: try fields.strings("tags") ?? []
        )
    }
}
