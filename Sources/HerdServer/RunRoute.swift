import Foundation
import HerdCore
import HerdService
import Hummingbird

/// `POST /v1/run`, guarded as axis guards it: off (403) unless the server was started with `--allow-exec`; the
/// body must say `mode` (`exec`: `command` is the argument list, one item being a shell line, as `herd run -- …`;
/// `script`: `command` is a POSIX sh script) and `confirm: "YES"` (400 otherwise). The run itself is
/// `JobService.run`, as `herd run` does it: the host named, or placed from the query fields (query, ram, gpu, cpu,
/// tool), or the default host; RAM and GPUs reserved with the job's record in one transaction; a launch that fails
/// leaves nothing behind. Never syncs a directory.
struct RunRoute: Sendable {
    let state: ServerState

    func register(on router: Router<ServerRequestContext>) {
        router.post("/v1/run") { request, context in
            guard state.config.allowExec else {
                throw APIError(.forbidden, "running commands is off: start herd serve with --allow-exec")
            }
            let body = try await JSONBody.read(request, limit: state.config.maxBody)
            let job = try await JobService(context: state.services(for: context)).run(try Self.request(body))
            state.logger.info("job \(job.shortID) started on \(job.host) over the API")
            return try JSONResponse.make(Single(item: JobRow(job, now: Date())), status: .created)
        }
    }

    /// The run a body asks for, checked field by field.
    static func request(_ body: JSONBody) throws -> RunRequest {
        guard try body.string("confirm") == "YES" else { throw APIError.badRequest("'confirm' must be \"YES\" to run a command") }
        let command: [String]
        switch try body.string("mode") {
        case "exec":
            command = try body.strings("command")
        case "script":
            guard let script = try body.string("command") else { throw APIError.badRequest("mode script needs 'command': the script text") }
            command = ["/bin/sh", "-c", script]
        default:
            throw APIError.badRequest("'mode' must be \"exec\" or \"script\"")
        }
        guard !command.isEmpty, !command.allSatisfy(\.isEmpty) else { throw APIError.badRequest("'command' is empty") }
        if command.contains(where: { $0.contains("\u{0}") }) { throw APIError.badRequest("'command' contains a NUL byte") }
        let host = try body.string("host")
        let placing = try body.string("query") != nil || !body.keys.isDisjoint(with: ["ram", "gpu", "cpu", "tool"])
        return RunRequest(
            command: command, host: host, place: host == nil && placing, needs: try HostRoutes.requirements(body),
            force: try body.bool("force") ?? false, cwd: FileManager.default.currentDirectoryPath, sync: false)
    }
}
