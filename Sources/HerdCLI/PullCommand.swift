import ArgumentParser
import HerdCore
import HerdService

/// `herd pull ID PATH [DEST]`: copies a file or directory from a job's work dir.
struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull", abstract: "Copy PATH from a job's work dir to DEST (default: .).",
        discussion: """
            An existing local file is never overwritten without --force: herd lists the files that would be and \
            exits 2. Permissions and owners are not copied, so an existing directory keeps its mode.
            """)

    @Argument(help: "The job id (any unique prefix).")
    var id: String

    @Argument(help: "A path inside the job's work dir.")
    var path: String

    @Argument(help: "Where to put it.")
    var dest: String = "."

    @Flag(help: "Overwrite existing local files.")
    var force = false

    func run() async throws {
        if path.split(separator: "/").contains("..") { throw HerdError.invalidInput("PATH must stay inside the job's work dir: '\(path)'") }
        let service = JobService(context: CLIContext().services)
        try await service.pull(try service.job(id), path: path, to: dest, force: force)
    }
}
