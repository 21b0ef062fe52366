import Foundation

/// A placement question and its answer, as the context block and the MCP `place` tool show it: the query, the
/// requirements read from it, and every host ranked with its reasons.
public struct PlacementAnswer: Sendable, Equatable, Codable {
    public var query: String
    public var requirements: Requirements
    public var candidates: [Placement.Candidate]

    public init(query: String, requirements: Requirements, candidates: [Placement.Candidate]) {
        self.query = query
        self.requirements = requirements
        self.candidates = candidates
    }

    /// The best host that fits, if any.
    public var chosen: Placement.Candidate? { candidates.first(where: \.fits) }

    /// The placement lines of the context block: what is needed, the chosen host with its reasons, the next
    /// fits, and the hosts that do not fit (at most `limit` of each, then counts).
    public func render(limit: Int) -> [String] {
        var lines = ["Placement for \"\(TerminalText.line(String(query.prefix(80))))\": needs \(requirements.summary)"]
        for e in requirements.explanation.prefix(4) { lines.append("  (\(TerminalText.line(e)))") }
        let fits = candidates.filter(\.fits), misfits = candidates.filter { !$0.fits }
        if let c = chosen {
            lines.append("  chosen: \(c.host) \(c.label)")
            for r in c.reasons.prefix(6) { lines.append("    - " + TerminalText.line(r)) }
        } else {
            lines.append("  no host fits")
        }
        for c in fits.dropFirst().prefix(max(0, limit - 1)) {
            lines.append("  also fits: \(c.host) \(c.label): " + TerminalText.line(c.reasons.prefix(2).joined(separator: "; ")))
        }
        if fits.count > limit { lines.append("  … \(fits.count - limit) more fit") }
        for c in misfits.prefix(limit) {
            lines.append("  no fit: \(c.host): " + TerminalText.line(c.reasons.prefix(2).joined(separator: "; ")))
        }
        if misfits.count > limit { lines.append("  … \(misfits.count - limit) more do not fit") }
        return lines
    }
}
