import Foundation
import Yams

/// Renders Encodable values as the JSON or YAML that `--json` / `--yaml` print.
enum StructuredOutput {
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// YAML built from the JSON form, so numbers read as people write them (Yams prints every
    /// Double in scientific notation: 0.26 would come out as 2.6e-1).
    static func yaml(_ value: some Encodable) throws -> String {
        let data = try JSONEncoder().encode(value)
        let object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        return try Yams.serialize(node: node(object))
    }

    private static func node(_ value: Any) -> Node {
        switch value {
        case let d as [String: Any]:
            return Node(d.keys.sorted().map { (Node($0), node(d[$0]!)) })
        case let a as [Any]:
            return Node(a.map(node))
        case let s as String:
            return Node(s, Tag(.str))
        case let n as NSNumber:
            let type = String(cString: n.objCType)
            if "\(Swift.type(of: n))".contains("Boolean") { return Node(n.boolValue ? "true" : "false", Tag(.bool)) }
            if type == "d" || type == "f" { return Node("\(n.doubleValue)", Tag(.float)) }
            return Node(n.stringValue, Tag(.int))
        default:
            return Node("null", Tag(.null))
        }
    }
}
