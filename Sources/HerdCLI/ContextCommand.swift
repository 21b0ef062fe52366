import ArgumentParser
import Foundation
import HerdCore
import HerdService

/// `herd context [TEXT]`: a compact block about the cluster to paste into a prompt (or give an agent).
struct ContextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "context", abstract: "Print a compact block about the cluster for a model's prompt.",
        discussion: """
            Hosts with status, free RAM and GPUs (utilisation, memory), load, reservations and running jobs; with \
            TEXT (as herd place takes it, e.g. '7b inference') the placement answer with its reasons. A Source: line \
            says where the figures come from (with --cached, a running herd serve's cache, or a live probe and why \
            the cache could not answer). At most 16 hosts are listed (the best fits, or the most free RAM); \
            the rest are counted by status.
            """)

    @Argument(parsing: .remaining, help: "A job to place, e.g. '13b training'.")
    var text: [String] = []

    @Flag(help: "Print JSON (the block as `text`, with source, counts and the chosen host).")
    var json = false

    @OptionGroup var cache: CachedOption

    func run() async throws {
        let query = text.joined(separator: " ")
        let cli = CLIContext()
        let queries = CachedRead.queries(cli.services, home: cli.home, cached: cache.cached)
        let context = try await queries.context(query: query.isEmpty ? nil : query)
        let now = Date()
        CLIContext.out(json ? try StructuredOutput.json(ClusterContextDocument(context, now: now)) : context.render(now: now))
    }
}
