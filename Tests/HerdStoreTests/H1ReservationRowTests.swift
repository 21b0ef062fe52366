import Foundation
import HerdCore
import HerdStore
import HerdTestSupport
import Testing

/// A reservation row herd could not have written: it is listed, holds its host (never overbooking it), and
/// `release` removes it; the other reservations are untouched.
@Suite struct H1ReservationRowTests {
    @Test func aDamagedReservationHoldsItsHostAndCanBeReleased() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try JobStore(home: HerdHome(root: URL(fileURLWithPath: dir.path)))
        _ = try store.reserve(host: "a", ram: 1 << 30, gpus: 0, ttl: 3600, note: "fine") { _, _ in nil }
        let sql = "INSERT INTO reservation VALUES ('bad00000', 'b', 'lots', 'x', 'garbage', NULL, 'n', NULL);"
        try sql.write(toFile: dir.file("plant.sql"), atomically: true, encoding: .utf8)
        let out = try await HerdBinary.shell("sqlite3 '\(store.path)' < '\(dir.file("plant.sql"))' 2>&1")
        #expect(out.isEmpty, "sqlite3: \(out)")
        let list = try store.reservations()
        #expect(list.count == 2)
        let bad = try #require(list.first { $0.id == "bad00000" })
        #expect(bad.host == "b" && bad.ram == .max && bad.note.hasPrefix("damaged record"))
        let held = try store.reservedByHost()
        #expect(held["a"]?.ram == 1 << 30 && held["b"]?.ram == .max)
        #expect(throws: HerdError.self) { try store.reserve(host: "b", ram: 1, gpus: 0, ttl: 60, note: "") { ram, _ in ram == .max ? "full" : nil } }
        #expect(try store.release(prefix: "bad0").id == "bad00000")
        #expect(try store.reservations().map(\.note) == ["fine"])
    }
}
