import ArgumentParser
import Foundation
import HerdCore
import HerdService

/// `herd reserve HOST --ram SIZE`: books RAM (and GPUs) on a host in the ledger.
struct ReserveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reserve", abstract: "Reserve RAM (and GPUs) on a host.")

    @Argument(help: "The host.")
    var host: String

    @Option(help: "RAM to reserve, e.g. 17G.")
    var ram: String

    @Option(help: "GPUs to reserve.")
    var gpu: Int = 0

    @Option(help: "How long it lasts: 45s, 90m, 2h, 1h30m, 2d (default 45m).")
    var ttl: String = "45m"

    @Option(help: "What it is for.")
    var note: String = ""

    @Flag(help: "Reserve even when it does not fit.")
    var force = false

    func run() async throws {
        try Roster.validateText(note, field: "--note")
        let context = CLIContext()
        let target = try RosterService(context: context.services).host(named: host)
        let needs = Requirements(ram: try ByteSize.parse(ram, argument: "--ram"), gpus: gpu)
        let seconds = try ByteSize.parseDuration(ttl, argument: "--ttl")
        let r = try await ReservationService(context: context.services).reserve(target, needs: needs, ttl: seconds, note: note, force: force)
        CLIContext.out("\(r.id): \(UsageFormat.bytes(r.ram)) RAM\(r.gpus > 0 ? ", \(r.gpus) GPU(s)" : "") on \(r.host) until \(Self.time(r.expiresAt))\n")
    }

    /// When a reservation ends: its clock time (with the date when that is not today), or with its job.
    static func time(_ d: Date?) -> String {
        guard let d else { return "the job ends" }
        return ClockTime.text(d)
    }
}

/// `herd reservations`: the ledger.
struct ReservationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reservations", abstract: "List reservations (expired ones are purged).")

    @Flag(help: "Print JSON.")
    var json = false

    func run() async throws {
        let list = try ReservationService(context: CLIContext().services).list()
        if json { return CLIContext.out(try StructuredOutput.json(ListDocument("reservations", list))) }
        let rows = list.map { r in
            [r.id, r.host, UsageFormat.bytes(r.ram), String(r.gpus), r.jobID.map { "job \($0.prefix(8))" } ?? ReserveCommand.time(r.expiresAt), r.note]
        }
        CLIContext.out(TextTable(header: ["ID", "HOST", "RAM", "GPU", "UNTIL", "NOTE"], rows: rows).render())
    }
}

/// `herd release ID`: gives a reservation back.
struct ReleaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "release", abstract: "Release a reservation.")

    @Argument(help: "The reservation id (any unique prefix).")
    var id: String

    func run() async throws {
        let r = try ReservationService(context: CLIContext().services).release(prefix: id)
        CLIContext.out("released \(r.id) (\(UsageFormat.bytes(r.ram)) on \(r.host))\n")
    }
}
