import Yams

/// Bounds that keep a hostile YAML file from costing herd time or memory: alias bombs ("billion laughs") and
/// nesting deep enough to exhaust the stack are refused before anything is built from the file.
enum YAMLLimits {
    /// The most nodes a document may hold once every alias is expanded.
    static let maxExpandedNodes = 200_000
    /// The deepest flow nesting (`[`/`{`) and block indentation accepted.
    static let maxFlowDepth = 64
    static let maxIndent = 512

    /// Why the text is refused before parsing (too deep), or nil.
    static func shapeProblem(_ text: String) -> String? {
        var depth = 0, indent = 0, atLineStart = true
        var quote: UInt8? = nil
        for byte in text.utf8 {
            if byte == 0x0A { atLineStart = true; indent = 0; quote = nil; continue }
            if atLineStart {
                if byte == 0x20 {
                    indent += 1
                    if indent > maxIndent { return "indented deeper than \(maxIndent) columns; refused" }
                    continue
                }
                atLineStart = false
            }
            if let q = quote {
                if byte == q { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxFlowDepth { return "nested deeper than \(maxFlowDepth) levels; refused" }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        return nil
    }

    /// Why the composed document is refused (aliases expand past the node budget), or nil. Stops counting at
    /// the budget, so a bomb costs no more than a legitimate file of that size.
    static func expansionProblem(_ node: Node) -> String? {
        var budget = maxExpandedNodes
        func visit(_ n: Node) -> Bool {
            budget -= 1
            if budget < 0 { return false }
            switch n {
            case .scalar, .alias: return true
            case .mapping(let m):
                for (k, v) in m where !(visit(k) && visit(v)) { return false }
                return true
            case .sequence(let s):
                for item in s where !visit(item) { return false }
                return true
            }
        }
        return visit(node) ? nil : "more than \(maxExpandedNodes) values once aliases are expanded (an alias bomb?); refused"
    }
}
