import Foundation

/// A claim on a host's RAM (and GPUs) in the ledger, so two jobs never count on the same memory.
public struct Reservation: Codable, Sendable, Equatable {
    /// A short random id (8 hex digits).
    public var id: String
    public var host: String
    public var ram: UInt64
    public var gpus: Int
    public var createdAt: Date
    /// When it lapses by itself; nil while a job holds it (released when the job ends).
    public var expiresAt: Date?
    public var note: String
    /// The job holding it, if any.
    public var jobID: String?

    public init(id: String, host: String, ram: UInt64, gpus: Int, createdAt: Date, expiresAt: Date?, note: String, jobID: String? = nil) {
        self.id = id
        self.host = host
        self.ram = ram
        self.gpus = gpus
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.note = note
        self.jobID = jobID
    }

    /// The RAM herd may hand out on a host of `total` bytes: everything but 1 GiB of headroom.
    public static func cap(total: UInt64) -> UInt64 { total > (1 << 30) ? total - (1 << 30) : 0 }

    /// What a host can still hand out: never more than the memory available now, nor than the cap minus what is
    /// already reserved.
    public static func allocatable(total: UInt64, available: UInt64, reserved: UInt64) -> UInt64 {
        let c = cap(total: total)
        return min(available, c > reserved ? c - reserved : 0)
    }

    /// The default lifetime of a reservation not held by a job.
    public static let defaultTTL: TimeInterval = 45 * 60
}
