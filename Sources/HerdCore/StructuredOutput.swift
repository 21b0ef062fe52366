import Foundation
import Yams

/// A value that `--json` / `--yaml` print as a top-level object: its keys plus `schema_version`.
///
/// Conforming types must encode a keyed container (a struct with properties), never a bare array or scalar.
public protocol StructuredDocument: Encodable {}

/// The one encoder behind every `--json` and `--yaml`: snake_case keys (`memTotal` → `mem_total`, already
/// snake_case keys unchanged, dictionary keys as they are), ISO-8601 UTC dates, sorted keys, a top-level object
/// with `schema_version`, and NaN or infinite numbers as `null` so that no value makes encoding fail.
/// The shapes are documented in docs/JSON.md. Files herd stores (hosts.json, seen.json) keep their own encoders.
public enum StructuredOutput {
    /// The version of every document's shape; raised when a key is renamed or removed or a type changes.
    public static let schemaVersion = 1

    /// `document` as pretty-printed JSON with a trailing newline.
    public static func json(_ document: some StructuredDocument) throws -> String {
        let encoder = makeEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var bytes = [UInt8](try encoder.encode(Envelope(document: document)))
        replace(Array("\"\(nonFinite)\"".utf8), with: Array("null".utf8), in: &bytes)
        bytes.append(0x0A)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every occurrence of `pattern` in `bytes` replaced by `replacement`, in one pass over the bytes (Foundation's
    /// `replacingOccurrences` bridged the whole document to NSString: a third of a cached `/v1/snapshot`'s time).
    static func replace(_ pattern: [UInt8], with replacement: [UInt8], in bytes: inout [UInt8]) {
        guard let first = pattern.first, bytes.count >= pattern.count else { return }
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        let last = bytes.count - pattern.count
        while i <= last {
            if bytes[i] == first && bytes[i..<(i + pattern.count)].elementsEqual(pattern) {
                if out.isEmpty { out.reserveCapacity(bytes.count) }
                out += bytes[copied..<i]
                out += replacement
                i += pattern.count
                copied = i
            } else {
                i += 1
            }
        }
        guard copied > 0 else { return }
        out += bytes[copied...]
        bytes = out
    }

    /// `document` as YAML built from the JSON form, so numbers read as people write them (Yams prints every
    /// Double in scientific notation: 0.26 would come out as 2.6e-1).
    public static func yaml(_ document: some StructuredDocument) throws -> String {
        let data = try makeEncoder().encode(Envelope(document: document))
        let object = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        return try Yams.serialize(node: node(object))
    }

    /// A string no host or file can predict, standing for a NaN or infinite number until it is replaced by null.
    private static let nonFinite = "herd-non-finite-" + UUID().uuidString

    private static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: nonFinite, negativeInfinity: nonFinite, nan: nonFinite)
        return encoder
    }

    /// The document's own keys and `schema_version` in one object.
    private struct Envelope<Document: StructuredDocument>: Encodable {
        let document: Document
        private enum Keys: String, CodingKey { case schemaVersion }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(StructuredOutput.schemaVersion, forKey: .schemaVersion)
            try document.encode(to: encoder)
        }
    }

    private static func node(_ value: Any) -> Node {
        switch value {
        case let d as [String: Any]:
            return Node(d.keys.sorted().map { (Node($0), node(d[$0] ?? NSNull())) })
        case let a as [Any]:
            return Node(a.map(node))
        case let s as String:
            if s == nonFinite { return Node("null", Tag(.null)) }
            // A string that would read back as something else ("", "true", "12", "null") is quoted.
            let plain = !s.isEmpty && Resolver.default.resolveTag(of: Node(s)) == .str
            return Node(s, Tag(.str), plain ? .any : .singleQuoted)
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
