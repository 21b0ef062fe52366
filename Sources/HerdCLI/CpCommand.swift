import ArgumentParser
import Foundation
import HerdCore
import HerdEngine

/// `herd cp FILES… TARGETS:DEST`: copies local files to many hosts at once, like clush -c or pdcp.
struct CpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cp",
        abstract: "Copy local files to hosts in parallel.",
        discussion: """
            Copies with rsync (-rlpt) over each host's ControlMaster, at most --jobs hosts at once. DEST is relative \
            to the remote home (TARGETS: alone is the home). Names are passed as they are: spaces, quotes, $, \
            newlines and a leading - are safe (put -- before names that start with -: herd cp -- -f web:). Prints 'host: ok' or 'host: failed: reason' per host; exit 1 if \
            any host failed. Example: herd cp app.tar.gz conf/ @web:deploy/
            """
    )

    @Argument(help: "Local files or directories, then TARGETS:DEST (e.g. web[01-04]:/tmp/).")
    var paths: [String] = []

    @Option(name: .customLong("exclude"), help: "Hosts to leave out.")
    var exclude: [String] = []

    @Option(name: .customLong("jobs"), help: "Hosts at once.")
    var jobs: Int = 32

    @Flag(help: "Print one JSON document with every host's result.")
    var json = false

    /// `TARGETS:DEST` split at its first colon.
    static func split(_ arg: String, what: String) throws -> (String, String) {
        guard let colon = arg.firstIndex(of: ":"), colon != arg.startIndex else {
            throw ValidationError("'\(TerminalText.line(arg))' is not TARGETS:\(what) (e.g. web[01-04]:\(what == "DEST" ? "/tmp/" : "/var/log/syslog"))")
        }
        return (String(arg[..<colon]), String(arg[arg.index(after: colon)...]))
    }

    func validate() throws {
        if paths.count < 2 { throw ValidationError("give the files to copy, then TARGETS:DEST (herd cp FILES… TARGETS:DEST)") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        _ = try Self.split(paths[paths.count - 1], what: "DEST")
        for p in paths.dropLast() where p.isEmpty { throw ValidationError("an empty file name") }
    }

    func run() async throws {
        let (targets, dest) = try Self.split(paths[paths.count - 1], what: "DEST")
        let sources = Array(paths.dropLast())
        try await CopyReport.run(targets: targets, exclude: exclude, json: json, operation: "cp", sources: sources, destination: dest) {
            try await $0.push(sources, to: dest, on: $1, concurrency: jobs, onFinish: $2)
        }
    }
}
