import ArgumentParser
import Foundation
import HerdCore
import HerdStore

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
        let (_, hosts) = try context.effectiveHosts()
        let req = try requirements()
        let store = try JobStore(home: context.home)
        let (ranked, source) = try await PlacementRun.rank(hosts, needs: req, cached: cache.cached, context: context, store: store)
        let chosen = ranked.first(where: \.fits)
        if json {
            CLIContext.out(try CachedRead.json(Document(requirements: req, chosen: chosen?.host, hosts: ranked), source))
        } else {
            CachedRead.note(source)
            var out = "needs: " + Self.describe(req) + "\n"
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

    /// What the text and the flags ask for (flags win over what the text implies).
    func requirements() throws -> Requirements {
        Requirements.infer(text.joined(separator: " ")).overridden(by: try needs.requirements())
    }

    /// The requirements of a query typed as `herd place` takes it (`--ram 16G --gpu`, `7b inference`).
    static func requirements(query: String) throws -> Requirements {
        let words = query.split(separator: " ").map(String.init)
        return try PlaceCommand.parse(HerdMain.normalizedArguments(words)).requirements()
    }

    /// "17G RAM, 1 GPU, tools: ollama" or "nothing in particular".
    static func describe(_ r: Requirements) -> String {
        var parts: [String] = []
        if let v = r.ram { parts.append("\(UsageFormat.bytes(v)) RAM") }
        if let g = r.gpus, g > 0 { parts.append("\(g) GPU\(g == 1 ? "" : "s")") }
        if let c = r.cpus { parts.append("\(c) core\(c == 1 ? "" : "s")") }
        if let m = r.gpuMem { parts.append("\(UsageFormat.bytes(m)) free per GPU") }
        if let p = r.preferredCpus { parts.append("prefers \(p)+ cores") }
        if !r.tools.isEmpty { parts.append("tools: " + r.tools.joined(separator: ", ")) }
        return parts.isEmpty ? "nothing in particular" : parts.joined(separator: ", ")
    }
}
