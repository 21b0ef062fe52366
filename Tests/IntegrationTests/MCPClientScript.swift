import Foundation
import HerdRemote
import HerdTestSupport

/// Drives `herd mcp serve` with the real Python MCP client (`pip install mcp`): its stdio client session
/// initializes, lists the tools and calls each tool of a plan in turn, every step under a time limit. The script
/// prints one JSON object: the server's name, the tools (name, description, input schema) and each call's result.
enum MCPClientScript {
    static let source = #"""
    import asyncio, json, os, sys
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    def attr(o, *names):
        # The client's field names changed between releases (serverInfo / server_info, isError / is_error).
        for n in names:
            if hasattr(o, n):
                return getattr(o, n)
        return None

    async def main():
        plan = json.loads(sys.argv[1])
        params = StdioServerParameters(command=plan["herd"], args=plan["args"], env=dict(os.environ))
        out = {"calls": []}
        async with stdio_client(params) as (read, write):
            async with ClientSession(read, write) as session:
                init = await asyncio.wait_for(session.initialize(), 20)
                out["server"] = attr(init, "server_info", "serverInfo").name
                tools = await asyncio.wait_for(session.list_tools(), 20)
                out["tools"] = [{"name": t.name, "description": t.description, "schema": attr(t, "input_schema", "inputSchema")} for t in tools.tools]
                for call in plan["calls"]:
                    try:
                        r = await asyncio.wait_for(session.call_tool(call["name"], call.get("arguments")), call.get("limit", 120))
                        text = "".join(c.text for c in r.content if getattr(c, "type", "") == "text")
                        out["calls"].append({"name": call["name"], "is_error": bool(attr(r, "is_error", "isError")), "text": text})
                    except Exception as e:
                        out["calls"].append({"name": call["name"], "is_error": True, "text": "CLIENT: " + type(e).__name__ + ": " + str(e)})
        print(json.dumps(out))

    asyncio.run(main())
    """#

    /// One call's answer.
    struct Call {
        var name: String
        var isError: Bool
        var text: String

        /// The text parsed as a JSON object (tool answers other than `context` are JSON documents).
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
    }

    /// What the client saw.
    struct Transcript {
        var server: String
        var tools: [[String: Any]]
        var calls: [Call]
        var stderr: String

        var toolNames: [String] { tools.compactMap { $0["name"] as? String } }
    }

    /// Runs the plan: `herd mcp serve` with `serveArgs`, then `calls` (name, arguments) in order.
    static func run(_ herd: HerdBinary, serveArgs: [String] = [], calls: [(String, [String: Any]?)], limit: Duration = .seconds(240)) async throws -> Transcript {
        let dir = try TempDir()
        defer { dir.remove() }
        let script = dir.file("client.py")
        try source.write(toFile: script, atomically: true, encoding: .utf8)
        let plan: [String: Any] = [
            "herd": HerdBinary.path, "args": ["mcp", "serve"] + serveArgs,
            "calls": calls.map { c -> [String: Any] in c.1.map { ["name": c.0, "arguments": $0] } ?? ["name": c.0] },
        ]
        let planText = String(decoding: try JSONSerialization.data(withJSONObject: plan), as: UTF8.self)
        var env = herd.environment
        env["HERD_HOME"] = herd.home
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        env["HOME"] = ProcessInfo.processInfo.environment["HOME"] ?? "/root"
        let python = Executable.find("python3") ?? "/usr/bin/python3"
        let r = try await ProcessRunner(environment: env).run(python, [script, planText], input: nil, timeout: limit)
        guard r.status == 0, let o = (try? JSONSerialization.jsonObject(with: r.stdout)) as? [String: Any] else {
            throw MCPClientFailure(message: "MCP client failed (exit \(r.status), timed out: \(r.timedOut)): \(r.stderrText.suffix(2000))")
        }
        let calls = (o["calls"] as? [[String: Any]] ?? []).map {
            Call(name: $0["name"] as? String ?? "", isError: $0["is_error"] as? Bool ?? true, text: $0["text"] as? String ?? "")
        }
        return Transcript(server: o["server"] as? String ?? "", tools: o["tools"] as? [[String: Any]] ?? [], calls: calls, stderr: r.stderrText)
    }
}

/// The Python client did not finish (its stderr says why).
struct MCPClientFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
