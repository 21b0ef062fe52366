import GRDB

/// A row type of the job database (jobs, reservations, agent runs): Codable and read and written by GRDB, with its
/// `Date` properties written in `StoredDate`'s form, so no record reaches GRDB's ICU formatter.
protocol StoredRecord: Codable, FetchableRecord, PersistableRecord {}

extension StoredRecord {
    static func databaseDateEncodingStrategy(for column: String) -> DatabaseDateEncodingStrategy { StoredDate.encoding }
}
