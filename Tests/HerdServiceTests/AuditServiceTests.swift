import Foundation
import HerdCore
import HerdService
import HerdStore
import HerdTestSupport
import Testing

/// `AuditService`, the audit log's one writer: lines per host, the client named, failures and exits written.
@Suite(.serialized) struct AuditServiceTests {
    static func context(_ dir: TempDir, client: String? = nil) -> ServiceContext {
        ServiceContext(home: HerdHome(root: URL(fileURLWithPath: dir.file("home"))), environment: [:]).acting(for: client)
    }

    static func lines(_ dir: TempDir) throws -> [String] {
        try String(contentsOfFile: dir.file("home/audit.log"), encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func anActionWritesOneLinePerHostOnce() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await AuditService(context: Self.context(dir)).audited("clean --deep", hosts: ["a1", "a2"]) { audit in
            audit?.record("a2", status: "0")
            audit?.record("a1", status: "timeout")
        }
        let lines = try Self.lines(dir)
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix(" a2 clean_--deep 0") && lines[1].hasSuffix(" a1 clean_--deep timeout"), "\(lines)")
    }

    @Test func aClientIsNamedAndCannotBreakTheLine() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await AuditService(context: Self.context(dir, client: "tcp 127.0.0.1:5000\nx")).audited("stop 1234abcd", hosts: ["b1"]) { audit in
            audit?.record("b1", status: "0")
        }
        #expect(try Self.lines(dir).map { $0.split(separator: " ").dropFirst().joined(separator: " ") } == ["b1 stop_1234abcd 0 client=tcp_127.0.0.1:5000_x"])
    }

    @Test func aFailedActionWritesFailedAndADryRunNothing() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let service = AuditService(context: Self.context(dir))
        await #expect(throws: HerdError.self) {
            try await service.audited("rm 1234abcd", hosts: ["c1"]) { _ in throw HerdError.remote("c1: rm failed") }
        }
        try await service.audited(nil, hosts: ["c2"]) { audit in #expect(audit == nil) }
        #expect(try Self.lines(dir).map { $0.split(separator: " ").dropFirst().joined(separator: " ") } == ["c1 rm_1234abcd failed"])
    }

    @Test func completeAllWritesActionsInFlightAsInterrupted() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let action = AuditService(context: Self.context(dir)).begin("init", hosts: ["d1", "d2"])
        action.record("d1", status: "0")
        let (still, errors) = AuditService.completeAll()
        #expect(still == ["d2"] && errors.isEmpty)
        try action.complete()
        #expect(try Self.lines(dir).map { $0.split(separator: " ").dropFirst().joined(separator: " ") } == ["d1 init 0", "d2 init interrupted"])
    }
}
