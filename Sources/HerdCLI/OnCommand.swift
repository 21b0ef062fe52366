import ArgumentParser
import Foundation
import HerdCore
import HerdEngine
import HerdService
#if canImport(Glibc)
import Glibc
#endif

/// `herd on TARGETS -- CMD…`: runs a command on many hosts at once, like pdsh or clush.
struct OnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "on",
        abstract: "Run a command on hosts in parallel.",
        discussion: """
            Several CMD words reach the remote shell exactly as typed (each is quoted); a single word is run as a \
            shell command line, as ssh does (herd on all -- 'df -h | grep /'). Output streams as 'host: line'; \
            --group folds identical outputs under a host range, as clush -b does. --timeout kills the remote \
            command too. Exit 0 only when every host exited 0. On a terminal, host output keeps its colours but \
            loses every other escape sequence and control (titles, clipboard writes, cursor moves); --raw passes \
            it unchanged, as does a pipe or a file. Ctrl-C stops the command on every host and exits 130. \
            --group and --json keep at most 64 MiB of each host's stdout and stderr (the rest is counted). \
            When herd's stdin is a pipe or a file, it is read (at most 64 MiB) and every host's command gets the \
            same bytes on its stdin, as clush does (echo hi | herd on @web -- cat); --no-stdin, or a terminal, \
            gives the command /dev/null. --no-prefix prints output without the 'host: ' labels; --diff shows the \
            output most hosts printed once, then a unified diff for each host whose output differs from it.
            """
    )

    @Argument(help: "Hosts: a name, a,b,c, tb[01-32], @tag or all (all and @tag skip dedicated hosts).")
    var targets: String

    @Option(name: .customLong("exclude"), help: "Hosts to leave out.")
    var exclude: [String] = []

    @Option(name: .customLong("jobs"), help: "Hosts at once.")
    var jobs: Int = 32

    @Option(help: "How long each host may take (seconds, or 30s, 2m, 1h30m); the remote command is killed after that.", transform: DurationOption.seconds)
    var timeout: Double?

    @Flag(help: "Fold identical outputs into one block per host range.")
    var group = false

    @Flag(help: "Print one JSON document with every host's output and status.")
    var json = false

    @Flag(help: "Pass host output to the terminal unchanged (escape sequences included).")
    var raw = false

    @Flag(name: .customLong("no-stdin"), help: "Do not forward herd's stdin: the command reads /dev/null.")
    var noStdin = false

    @Flag(name: .customLong("no-prefix"), help: "Print host output without the 'host: ' labels.")
    var noPrefix = false

    @Flag(help: "Show the most common output once, and a unified diff for each host whose output differs.")
    var diff = false

    @Argument(parsing: .postTerminator, help: "The command, after --.")
    var command: [String] = []

    func validate() throws {
        if command.isEmpty { throw ValidationError("no command: give it after --, e.g. herd on all -- uptime") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let t = timeout, !(t > 0 && t <= 86400) { throw ValidationError("--timeout must be between 0 and 86400 seconds") }
        let modes = [("--group", group), ("--json", json), ("--diff", diff)].filter(\.1).map(\.0)
        if modes.count > 1 { throw ValidationError("\(modes.joined(separator: " and ")) cannot be used together") }
        if noPrefix && !modes.isEmpty { throw ValidationError("--no-prefix only changes streamed output; it cannot be used with \(modes[0])") }
    }

    /// One host of `herd on --json`.
    struct Row: Encodable {
        var host: String
        var status: Int32?
        var timed_out: Bool
        var stdout: String
        var stderr: String
        var duration_ms: Double
    }

    /// The document `herd on --json` prints.
    struct Document: StructuredDocument {
        var command: [String]
        var results: [Row]
        var ok: Int
        var failed: [String]
        var timed_out: [String]
    }

    func run() async throws {
        let service = ExecService(context: CLIContext().services)
        let hosts = try RosterService(context: service.context).hosts(selector: targets, exclude: exclude)
        let limit = timeout.map { Duration.milliseconds(Int($0 * 1000)) }
        let input = !noStdin && ForwardedStdin.shouldRead() ? try ForwardedStdin.read() : nil
        let results: [ExecResult]
        if group || json || diff {
            let interrupt = SignalExit()
            results = try await service.run(command, on: hosts, concurrency: jobs, timeout: limit, input: input)
            withExtendedLifetime(interrupt) {}
        } else {
            let progress = isatty(1) == 1 && isatty(2) == 1
            let printer = LinePrinter(hosts: hosts.map(\.name), progress: progress, raw: raw, prefix: !noPrefix)
            let interrupt = SignalExit { if progress { StandardStream.err("\r\u{1B}[K") } }
            // Streamed output is printed, not kept: memory stays bounded whatever the hosts print.
            results = try await service.run(
                command, on: hosts, concurrency: jobs, timeout: limit, captureLimit: 0, input: input,
                onOutput: { host, kind, data in printer.feed(host, kind, data) },
                onFinish: { printer.finish($0) })
            printer.clearProgress()
            withExtendedLifetime(interrupt) {}
        }
        let summary = ExecSummary(results)
        if json {
            let rows = results.map {
                Row(host: $0.host, status: $0.status, timed_out: $0.timedOut, stdout: $0.stdout, stderr: $0.stderr,
                    duration_ms: ($0.durationMs * 10).rounded() / 10)
            }
            CLIContext.out(try StructuredOutput.json(Document(
                command: command, results: rows, ok: summary.ok.count, failed: summary.failed.map(\.host), timed_out: summary.timedOut)))
        } else {
            if group || diff {
                let text = group ? Self.render(OutputGrouping.group(results)) : Self.renderDiff(results)
                CLIContext.out(TerminalSink.sanitizes(.stdout, raw: raw) ? String(decoding: TerminalText.stream(Array(text.utf8)), as: UTF8.self) : text)
            }
            CLIContext.warn(summary.line)
        }
        if !summary.allSucceeded { throw ExitCode(1) }
    }

    /// clush -b style blocks: a rule, the host range and count, a rule, the output.
    static func render(_ groups: [OutputGrouping.Group]) -> String {
        groups.map { g in
            let rule = String(repeating: "-", count: max(15, g.header.count))
            var block = "\(rule)\n\(g.header)\n\(rule)\n\(g.output)"
            if !g.output.isEmpty && !g.output.hasSuffix("\n") { block += "\n" }
            return block
        }.joined()
    }

    /// `--diff`: the majority output under its hosts, then each differing output as a unified diff against it.
    static func renderDiff(_ results: [ExecResult]) -> String {
        guard let d = OutputDiff(results.map { (host: $0.host, output: $0.stdout) }) else { return "" }
        func label(_ hosts: [String]) -> String { "\(HostRange.fold(hosts)) (\(hosts.count) host\(hosts.count == 1 ? "" : "s"))" }
        var text = "=== \(label(d.majority.hosts)): the most common output\n" + d.majority.output
        if !d.majority.output.isEmpty && !d.majority.output.hasSuffix("\n") { text += "\n" }
        if d.others.isEmpty { return text + "=== every host printed the same output\n" }
        for v in d.others {
            text += "=== \(label(v.hosts)): differs\n--- \(HostRange.fold(d.majority.hosts))\n+++ \(HostRange.fold(v.hosts))\n" + v.diff
        }
        return text
    }
}
