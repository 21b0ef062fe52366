import Foundation

/// One host of `herd ls --json` / `--yaml`: the roster keys, the probe status, and pool's `usage` object.
public struct LiveHostRow: Encodable, Sendable {
    public let state: HostState
    public let now: Date
    /// RAM held by reservations on this host (`reserved_ram`), when the caller read the ledger.
    public let reservedRAM: UInt64?

    public init(state: HostState, now: Date, reservedRAM: UInt64? = nil) {
        self.state = state
        self.now = now
        self.reservedRAM = reservedRAM
    }

    /// pool-style usage figures in bytes, snake_case keys.
    public struct Usage: Encodable, Sendable {
        var os: String?
        var kernel: String?
        var arch: String?
        var cpus: Int?
        var load: [Double]?
        var ram_total: UInt64?
        var ram_used: UInt64?
        var ram_available: UInt64?
        var disk_mount: String?
        var disk_total: UInt64?
        var disk_used: UInt64?
        var disk_available: UInt64?
        var disk_percent: Int?
        var gpus: [GPU]
        var tools: [String]?
        var ram_pressure: Double?
        var cpu_model: String?
        var addresses: [String: [String]]?
        var disks: [DiskUsage]?

        public struct GPU: Encodable, Sendable {
            var index: Int
            var name: String
            var util: Double?
            var mem_used: UInt64?
            var mem_total: UInt64?
        }

        init(_ u: HostUsage) {
            os = u.os
            kernel = u.kernel
            arch = u.arch
            cpus = u.cpus
            load = u.load
            ram_total = u.memTotal
            ram_used = u.memUsed
            ram_available = u.memAvailable
            disk_mount = u.disk?.mount
            disk_total = u.disk?.total
            disk_used = u.disk?.used
            disk_available = u.disk?.available
            disk_percent = u.disk?.percentUsed
            tools = u.tools
            ram_pressure = u.memPressure
            cpu_model = u.cpuModel
            addresses = u.addresses
            disks = u.disks
            gpus = u.gpus.map { GPU(index: $0.index, name: $0.name, util: $0.utilization, mem_used: $0.memUsed, mem_total: $0.memTotal) }
        }
    }

    private enum Keys: String, CodingKey {
        case name, ssh, sudo, os, shared, clean, description, tags, status, reasons, last_seen, age_seconds, latency_ms, usage, reserved_ram
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        let h = state.host
        try c.encode(h.name, forKey: .name)
        try c.encode(h.ssh, forKey: .ssh)
        try c.encode(h.sudo, forKey: .sudo)
        try c.encode(state.usage?.os ?? h.os, forKey: .os)
        try c.encode(h.shared, forKey: .shared)
        try c.encode(h.clean, forKey: .clean)
        try c.encode(h.description, forKey: .description)
        try c.encode(h.tags, forKey: .tags)
        try c.encode(state.status.rawValue, forKey: .status)
        try c.encode(state.reasons, forKey: .reasons)
        try c.encodeIfPresent(state.lastSeen, forKey: .last_seen)
        try c.encodeIfPresent(state.age(at: now).map { ($0 * 10).rounded() / 10 }, forKey: .age_seconds)
        try c.encodeIfPresent(state.latencyMs.map { ($0 * 10).rounded() / 10 }, forKey: .latency_ms)
        try c.encodeIfPresent(state.usage.map(Usage.init), forKey: .usage)
        try c.encodeIfPresent(reservedRAM, forKey: .reserved_ram)
    }
}
