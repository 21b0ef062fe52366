import HerdCore

/// What `herd run` (and the HTTP face's guarded run) asks for: a command, where (a host, placement, or the
/// roster's default host), what to reserve there while it runs, and what to copy.
public struct RunRequest: Sendable {
    /// The command words.
    public var command: [String]
    /// The host's roster name; nil: placed (with `place`) or the roster's default host.
    public var host: String?
    /// Pick the host with placement (from `needs`).
    public var place: Bool
    /// RAM and GPUs reserved on the host while the job runs (with `place`, what placement looks for).
    public var needs: Requirements
    /// Start even when the host cannot take the reservation.
    public var force: Bool
    /// The directory the job starts from; copied to the job's work dir unless `sync` is false.
    public var cwd: String
    public var sync: Bool

    public init(command: [String], host: String? = nil, place: Bool = false, needs: Requirements = Requirements(), force: Bool = false, cwd: String, sync: Bool = true) {
        self.command = command
        self.host = host
        self.place = place
        self.needs = needs
        self.force = force
        self.cwd = cwd
        self.sync = sync
    }

    /// Whether the job books anything in the ledger.
    public var reserves: Bool { needs.ram != nil || (needs.gpus ?? 0) > 0 }
}
