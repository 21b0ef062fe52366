import ArgumentParser
import Foundation
import HerdCore
import HerdEngine
import HerdService

/// What `herd cp` and `herd rcp` print: `host: ok` or `host: failed: reason` as each host finishes, then a summary
/// line on stderr; or, with `--json`, one document. Exit 1 when any host failed.
enum CopyReport {
    /// One host of the `--json` document.
    struct Row: Encodable {
        var host: String
        var ok: Bool
        var error: String?
        var duration_ms: Double
    }

    /// The document `herd cp --json` and `herd rcp --json` print.
    struct Document: StructuredDocument {
        var operation: String
        var sources: [String]
        var destination: String
        var results: [Row]
        var ok: Int
        var failed: [String]
    }

    /// The line printed for one host as it finishes.
    static func line(_ r: CopyResult) -> String {
        "\(r.host): " + (r.error.map { "failed: " + TerminalText.line($0) } ?? "ok") + "\n"
    }

    /// Prints the end of a run (the JSON document, or the summary) and throws exit 1 if any host failed.
    static func finish(_ results: [CopyResult], json: Bool, operation: String, sources: [String], destination: String) throws {
        let failed = results.filter { !$0.ok }.map(\.host)
        if json {
            let rows = results.map { Row(host: $0.host, ok: $0.ok, error: $0.error, duration_ms: ($0.durationMs * 10).rounded() / 10) }
            CLIContext.out(try StructuredOutput.json(Document(
                operation: operation, sources: sources, destination: destination, results: rows,
                ok: results.count - failed.count, failed: failed)))
        } else {
            let n = results.count
            var summary = "\(n) host\(n == 1 ? "" : "s"): \(n - failed.count) ok"
            if !failed.isEmpty { summary += ", \(failed.count) failed (\(HostRange.fold(failed)))" }
            CLIContext.warn(summary)
        }
        if !failed.isEmpty { throw ExitCode(1) }
    }

    /// What `herd cp` and `herd rcp` share around their copy (`CopyService`): the TARGETS resolved, Ctrl-C ending
    /// herd (and with it rsync), a line per host as it finishes (unless `json`), and the summary.
    static func run(
        targets: String, exclude: [String], json: Bool, operation: String, sources: [String], destination: String,
        _ copy: (CopyService, [Host], @escaping @Sendable (CopyResult) -> Void) async throws -> [CopyResult]
    ) async throws {
        let services = CLIContext().services
        let service = CopyService(context: services)
        let hosts = try RosterService(context: services).hosts(selector: targets, exclude: exclude)
        let interrupt = SignalExit()
        let results = try await copy(service, hosts) { r in
            if !json { StandardStream.out(CopyReport.line(r)) }
        }
        withExtendedLifetime(interrupt) {}
        try finish(results, json: json, operation: operation, sources: sources, destination: destination)
    }
}
