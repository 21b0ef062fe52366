import ArgumentParser
import Foundation
import HerdCore
import HerdEngine

/// `herd rcp TARGETS:PATH DEST`: copies a path from many hosts into `DEST/HOST/`, like clush --rcopy or rpdcp.
struct RcpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rcp",
        abstract: "Copy a path from hosts into DEST/HOST/, in parallel.",
        discussion: """
            Each host's copy goes to DEST/HOST/ (created; never through a symlink), so hosts never overwrite each \
            other. rsync (-rlt) over each host's ControlMaster, at most --jobs hosts at once; symlinks stay \
            symlinks and those pointing out of the copied tree are skipped. PATH is relative to the remote home. \
            Prints 'host: ok' or 'host: failed: reason' per host; exit 1 if any host failed. \
            Example: herd rcp @web:/var/log/nginx/error.log logs/
            """
    )

    @Argument(help: "TARGETS:PATH (e.g. web[01-04]:/var/log/syslog).")
    var source: String

    @Argument(help: "The local directory that gets one sub-directory per host.")
    var dest: String

    @Option(name: .customLong("exclude"), help: "Hosts to leave out.")
    var exclude: [String] = []

    @Option(name: .customLong("jobs"), help: "Hosts at once.")
    var jobs: Int = 32

    @Flag(help: "Print one JSON document with every host's result.")
    var json = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if dest.isEmpty { throw ValidationError("DEST is empty") }
        let (_, path) = try CpCommand.split(source, what: "PATH")
        if path.isEmpty { throw ValidationError("give the remote path after the colon (TARGETS:PATH)") }
    }

    func run() async throws {
        let (targets, path) = try CpCommand.split(source, what: "PATH")
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dest, isDirectory: &isDir) {
            if !isDir.boolValue { throw HerdError.invalidInput("\(TerminalText.line(dest)) is not a directory") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: dest, withIntermediateDirectories: true)
            } catch {
                throw HerdError.invalidInput("cannot create \(TerminalText.line(dest)): \(error.localizedDescription)")
            }
        }
        try await CopyReport.run(targets: targets, exclude: exclude, json: json, operation: "rcp", sources: [path], destination: dest) {
            try await $0.pull(path, from: $1, into: dest, concurrency: jobs, onFinish: $2)
        }
    }
}
