import Foundation
import GRDB
import HerdCore
import HerdTestSupport
import Testing

@testable import HerdStore

/// Dates are written in GRDB's stored text form by herd's own code (no ICU formatter): the text must be GRDB's to the
/// digit, so rows written before and after compare and sort alike.
@Suite struct StoredDateTests {
    /// What GRDB's own formatter writes for `date`.
    static func grdb(_ date: Date) -> String? { String.fromDatabaseValue(date.databaseValue) }

    @Test func matchesGRDBsFormatterOverTheWholePlausibleRange() {
        var rng = SystemRandomNumberGenerator()
        let lo = Plausible.time.lowerBound.timeIntervalSinceReferenceDate
        let hi = Plausible.time.upperBound.timeIntervalSinceReferenceDate
        var dates = (0..<3000).map { _ in Date(timeIntervalSinceReferenceDate: Double.random(in: lo...hi, using: &rng)) }
        // Whole milliseconds (whose doubles sit just under or over the integer), leap days, the turn of a year.
        dates += (0..<500).map { _ in Date(timeIntervalSince1970: Double(Int64.random(in: 946_684_800_000...7_258_118_400_000, using: &rng)) / 1000) }
        dates += [
            Date(timeIntervalSince1970: 951_782_400), Date(timeIntervalSince1970: 951_868_799.999),  // 2000-02-29
            Date(timeIntervalSince1970: 4_107_542_399.9995), Date(timeIntervalSince1970: 4_107_542_400),  // 2099-12-31/2100-01-01
            Date(timeIntervalSince1970: 1_700_000_000.123), Date(timeIntervalSince1970: 1_700_000_000.001), Date(),
            Plausible.time.lowerBound, Plausible.time.upperBound,
        ]
        let wrong = dates.filter { StoredDate.text($0) != Self.grdb($0) }.prefix(5).map {
            "\($0.timeIntervalSince1970): \(StoredDate.text($0)) vs GRDB \(Self.grdb($0) ?? "-")"
        }
        #expect(wrong == [])
    }

    @Test func datesOutsideFourDigitYearsAreHeldAtTheEnds() {
        #expect(StoredDate.text(Date(timeIntervalSince1970: -1e15)) == "0001-01-01 00:00:00.000")
        #expect(StoredDate.text(Date(timeIntervalSince1970: 1e15)) == "9999-12-31 23:59:59.999")
        #expect(StoredDate.text(Date(timeIntervalSince1970: .nan)) == "1970-01-01 00:00:00.000")
        #expect(StoredDate.text(Date(timeIntervalSince1970: -0.0012)) == "1969-12-31 23:59:59.999")
    }

    /// Whether `T` writes its dates with `StoredDate` (GRDB's own strategy would write the same text, through ICU).
    static func encodesWithStoredDate<T: EncodableRecord>(_: T.Type) -> Bool {
        if case .custom = T.databaseDateEncodingStrategy(for: "startedAt") { return true }
        return false
    }

    @Test func everyRecordWritesItsDatesWithStoredDate() {
        #expect(Self.encodesWithStoredDate(JobRecord.self))
        #expect(Self.encodesWithStoredDate(ReservationRecord.self))
        #expect(Self.encodesWithStoredDate(AgentRunRecord.self))
    }

    @Test func recordsAreWrittenInTheStoredFormAndReadBack() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try JobStore(home: HerdHome(root: URL(fileURLWithPath: dir.path)))
        let started = Date(timeIntervalSince1970: 1_700_000_000.25)
        let r = try store.reserve(host: "a", ram: 1, gpus: 0, ttl: 60, note: "n", now: started) { _, _ in nil }
        let raw = try store.read { db in try Row.fetchOne(db, sql: "SELECT createdAt, expiresAt FROM reservation WHERE id = ?", arguments: [r.id]) }
        #expect(raw?["createdAt"] as String? == "2023-11-14 22:13:20.250")
        #expect(raw?["expiresAt"] as String? == "2023-11-14 22:14:20.250")
        // Compared as text in the queries: active before its end, purged after.
        #expect(try store.reservations(now: started.addingTimeInterval(59)).map(\.id) == [r.id])
        #expect(try store.reservations(now: started.addingTimeInterval(61)).isEmpty)
        #expect(try store.reservations(now: started.addingTimeInterval(1)).isEmpty, "the purge deleted it")
    }
}
