import ArgumentParser
import Foundation
import HerdCore
import HerdService
import HerdMCP

/// `herd mcp serve`: an MCP server over stdio for agents (read-only tools; `run` with --allow-exec).
struct McpServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve MCP over stdin/stdout (start it from an agent's MCP config).",
        discussion: """
            Tools: snapshot, hosts, place, context, jobs, job_log, reservations (read-only). With --allow-exec also \
            run, which needs confirm "YES", runs only commands allowed by exec_allow in $HERD_HOME/config, refuses \
            commands that failed on a host before unless forced, and writes $HERD_HOME/audit.log. stdout carries the \
            protocol only; log lines go to stderr. Ends when the client closes stdin. With --cached, snapshots come \
            from a running herd serve's cache (probed live when it cannot answer; the context tool's Source: line \
            says which).
            """)

    @Flag(name: .customLong("allow-exec"), help: "Offer the guarded run tool.")
    var allowExec = false

    @OptionGroup var cache: CachedOption

    func run() async throws {
        let cli = CLIContext()
        let queries = CachedRead.queries(cli.services.acting(for: "mcp"), home: cli.home, cached: cache.cached)
        let tools = HerdTools(queries: queries, allowExec: allowExec)
        try await MCPServe.run(tools: tools, version: HerdVersion.number) { line in StandardStream.err("herd mcp: \(line)\n") }
    }
}
