import ArgumentParser
import Foundation
import HerdCore
import HerdService

/// `herd place [TEXT]`: which host a job should go to, and why.
struct PlaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "place", abstract: "Show where a job would fit and why (requirements from flags or a description).",
        discussion: "TEXT keywords: model sizes (7b, 13b, 70b) → RAM, inference/train/cuda/gpu → a GPU, ollama/git/go/docker/python → that tool, model/inference/heavy → more free RAM, heavy → prefers 8+ cores, light → 1 core; --gpu counts only GPUs under 10% busy with --gpu-mem free (default 1G); this machine gets +10.")

    @Argument(parsing: .remaining, help: "A description of the job, e.g. '7b inference'.")
    var text: [String] = []

    @OptionGroup var needs: PlacementOptions

    @Flag(help: "Print JSON.")
    var json = false

    @OptionGroup var cache: CachedOption

    /// The document `herd place --json` prints.
    struct Document: StructuredDocument {
        var requirements: Requirements
        var chosen: String?
        var hosts: [Placement.Candidate]
    }

    func run() async throws {
        let context = CLIContext()
        let req = try needs.query(text: text).requirements()
        let (result, source) = try await CachedRead.place(req, cached: cache.cached, context: context)
        let ranked = result.candidates
        let chosen = result.chosen
        if json {
            CLIContext.out(try CachedRead.json(Document(requirements: req, chosen: chosen?.host, hosts: ranked), source))
        } else {
            CachedRead.note(source)
            var out = "needs: " + req.summary + "\n"
            for e in req.explanation { out += "  \(e)\n" }
            if let c = chosen {
                out += "\nchosen: \(c.host) \(c.label)\n" + c.reasons.map { "  - \(TerminalText.line($0))\n" }.joined()
            } else {
                out += "\nno host fits\n"
            }
            let detailed = ranked.map { c -> [String] in [c.host, c.label, c.reasons.joined(separator: "; ")] }
            out += "\n" + TextTable(header: ["HOST", "PLACE", "WHY"], rows: detailed).render()
            CLIContext.out(out)
        }
        if chosen == nil { throw ExitCode(1) }
    }
}
