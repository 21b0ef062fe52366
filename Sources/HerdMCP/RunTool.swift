import Foundation
import HerdCore
import HerdService
import MCP

/// The guarded `run` tool: reads and checks the arguments (mode, confirm, argv or script), then hands the request
/// to `AgentLaunch`, which enforces the allow-list, learned-bad, placement and reservation checks and the audit.
struct RunTool {
    let context: ServiceContext

    static let arguments: Set<String> = ["mode", "argv", "script", "host", "confirm", "force", "wait_seconds", "ram", "gpus", "cpus", "tools", "gpu_mem"]

    func call(_ values: [String: Value]?) async throws -> String {
        let args = try ToolArguments(tool: "run", values: values, allowed: Self.arguments)
        guard try args.string("confirm") == "YES" else {
            throw ToolFailure("run: refused: confirm must be \"YES\" (ask the user first)")
        }
        guard let modeText = try args.string("mode"), let mode = AgentLaunch.Request.Mode(rawValue: modeText) else {
            throw ToolFailure("run: 'mode' must be \"exec\" or \"script\"")
        }
        let argv = try args.strings("argv") ?? []
        let script = try args.string("script") ?? ""
        switch mode {
        case .exec:
            if argv.isEmpty { throw ToolFailure("run: mode exec needs 'argv' (the command words)") }
            if !script.isEmpty { throw ToolFailure("run: mode exec takes 'argv', not 'script'") }
        case .script:
            if script.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw ToolFailure("run: mode script needs 'script' (the text)") }
            if !argv.isEmpty { throw ToolFailure("run: mode script takes 'script', not 'argv'") }
        }
        let request = AgentLaunch.Request(
            mode: mode, argv: argv, script: script, host: try args.string("host"), needs: try args.requirements(), force: try args.bool("force"),
            wait: .seconds(try args.int("wait_seconds", in: 0...300) ?? 30))
        let outcome = try await AgentLaunch(context: context).run(request)
        return try StructuredOutput.json(ToolDocuments.Run(
            job: JobRow(outcome.job, now: Date()), ended: !outcome.job.status.isLive, placedBy: outcome.placedBy, reservation: outcome.reservation,
            outputTail: outcome.outputTail, learnedBad: outcome.learnedBad))
    }
}
