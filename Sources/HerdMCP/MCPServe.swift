import Foundation
import HerdCore
import HerdService
import MCP

/// `herd mcp serve`: an MCP server over stdin/stdout (the official Swift SDK's `StdioTransport`). Nothing but
/// protocol goes to stdout; the caller's log lines go to stderr. Returns when the client closes stdin.
public enum MCPServe {
    /// Serves `tools` until the client goes away.
    public static func run(tools: HerdTools, version: String, log: @escaping @Sendable (String) -> Void) async throws {
        let server = Server(
            name: "herd", version: version,
            instructions: "herd sees a cluster of SSH hosts: use context for a briefing, place to pick a host, jobs and job_log to follow work."
                + (tools.allowExec ? " run executes allow-listed commands only with confirm \"YES\"." : ""),
            capabilities: .init(tools: .init(listChanged: false)))
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: tools.tools) }
        await server.withMethodHandler(CallTool.self) { params in
            let started = ContinuousClock.now
            let result = await tools.call(params.name, params.arguments)
            log("\(TerminalText.line(String(params.name.prefix(40)))) \(result.isError == true ? "error" : "ok") in \(ContinuousClock.now - started)")
            return result
        }
        try await server.start(transport: StdioTransport())
        log("serving MCP on stdio (\(tools.tools.count) tools\(tools.allowExec ? ", run allowed" : ""))")
        await server.waitUntilCompleted()
        await server.stop()
    }
}
