import ArgumentParser
import Foundation
import HerdCore
import HerdDaemonClient

/// `herd daemon status`: pid, uptime, home, hosts and the cache's age of the running daemon; exit 1 without one.
struct DaemonStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the running daemon: pid, uptime, home, hosts, cache age (exit 1 if none).")

    @Flag(help: "Print JSON.")
    var json = false

    /// The document `herd daemon status --json` prints.
    struct Document: StructuredDocument {
        var running: Bool
        var pid: Int?
        var startedAt: Date?
        var uptimeSeconds: Double?
        var home: String?
        var version: String?
        var hosts: Int?
        var up: Int?
        var cacheAgeSeconds: Double?
        /// Why no daemon answered, when none did.
        var reason: String?
    }

    func run() async throws {
        let context = CLIContext()
        let client = DaemonClient(home: context.home)
        let health: DaemonHealth
        do throws(DaemonError) {
            health = try await client.health()
        } catch {
            if json {
                CLIContext.out(try StructuredOutput.json(Document(running: false, reason: error.reason)))
            } else {
                CLIContext.out("no daemon running\n")
                if !error.isAbsent { CLIContext.warn(error.description) }
            }
            throw ExitCode(1)
        }
        let now = Date()
        // The health answer alone proves the daemon runs; a snapshot that fails is reported, not fatal.
        var doc = Document(
            running: true, pid: health.pid, startedAt: health.startedAt, uptimeSeconds: (max(0, now.timeIntervalSince(health.startedAt)) * 10).rounded() / 10,
            home: health.home, version: health.version)
        var cacheProblem: String?
        do throws(DaemonError) {
            let cache = try await client.snapshot()
            doc.hosts = cache.states.count
            doc.up = cache.states.values.filter(\.status.isUp).count
            doc.cacheAgeSeconds = (cache.age(at: now) * 10).rounded() / 10
        } catch {
            cacheProblem = error.description
        }
        if json { return CLIContext.out(try StructuredOutput.json(doc)) }
        var out = "pid \(health.pid), up \(UsageFormat.age(doc.uptimeSeconds)), version \(TerminalText.line(health.version))\n"
        out += "home \(TerminalText.line(health.home))\n"
        if let hosts = doc.hosts, let up = doc.up {
            out += "hosts \(hosts) (\(up) up), cache \(UsageFormat.age(doc.cacheAgeSeconds)) old\n"
        }
        CLIContext.out(out)
        if let cacheProblem { CLIContext.warn("no cache: \(cacheProblem)") }
    }
}
