import Foundation

/// Every host's state at one moment, plus cluster totals. The engine publishes these; panes and commands read them.
public struct Snapshot: Codable, Sendable, Equatable {
    /// When the round that produced this snapshot finished.
    public var takenAt: Date
    /// One state per host, in roster order.
    public var hosts: [HostState]

    public init(takenAt: Date, hosts: [HostState]) {
        self.takenAt = takenAt
        self.hosts = hosts
    }

    /// Totals over the hosts that answered.
    public var aggregates: Aggregates { Aggregates(hosts) }

    /// Cluster totals.
    public struct Aggregates: Codable, Sendable, Equatable {
        public var hosts: Int
        public var up: Int
        public var down: Int
        public var cpus: Int
        public var memTotal: UInt64
        public var memUsed: UInt64
        public var diskTotal: UInt64
        public var diskUsed: UInt64
        public var gpus: Int
        public var load1: Double
        /// RAM held by reservations on these hosts (`herd snapshot`); nil where the ledger was not read.
        public var reservedRAM: UInt64?

        /// RAM totals use the `ram_` names of the hosts' `usage` objects.
        private enum CodingKeys: String, CodingKey {
            case hosts, up, down, cpus, diskTotal, diskUsed, gpus, load1
            case memTotal = "ram_total", memUsed = "ram_used", reservedRAM = "reserved_ram"
        }

        init(_ states: [HostState]) {
            let up = states.filter(\.status.isUp)
            let usages = up.compactMap(\.usage)
            hosts = states.count
            self.up = up.count
            down = states.filter { $0.status == .unreachable || $0.status == .error }.count
            // Saturating sums: a host's figures may be anything a decoded file holds.
            cpus = Saturating.sum(usages.compactMap(\.cpus))
            memTotal = Saturating.sum(usages.compactMap(\.memTotal))
            memUsed = Saturating.sum(usages.compactMap(\.memUsed))
            diskTotal = Saturating.sum(usages.compactMap { $0.disk?.total })
            diskUsed = Saturating.sum(usages.compactMap { $0.disk?.used })
            gpus = Saturating.sum(usages.map(\.gpus.count))
            load1 = usages.compactMap { Plausible.within($0.load1, Plausible.load) }.reduce(0, +)
        }
    }

    private enum CodingKeys: String, CodingKey { case takenAt, hosts, aggregates }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(takenAt, forKey: .takenAt)
        try c.encode(hosts, forKey: .hosts)
        try c.encode(aggregates, forKey: .aggregates)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        takenAt = try c.decode(Date.self, forKey: .takenAt)
        hosts = try c.decode([HostState].self, forKey: .hosts)
    }
}
