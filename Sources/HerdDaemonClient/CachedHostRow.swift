import Foundation
import HerdCore

/// One host row of a snapshot document (`LiveHostRow`'s keys) decoded back into a `HostState`. Every field but
/// the name, target and status is optional, so a row with a damaged figure keeps the rest.
struct CachedHostRow: Decodable {
    var state: HostState

    private enum Keys: String, CodingKey {
        case name, ssh, os, status, reasons, usage
        case lastSeen = "last_seen", latencyMs = "latency_ms"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        let host = HerdCore.Host(name: try c.decode(String.self, forKey: .name), ssh: try c.decode(String.self, forKey: .ssh),
                        os: (try? c.decodeIfPresent(String.self, forKey: .os)) ?? "")
        let raw = try c.decode(String.self, forKey: .status)
        guard let status = HostStatus(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(forKey: .status, in: c, debugDescription: "unknown status")
        }
        state = HostState(
            host: host, status: status,
            reasons: (try? c.decodeIfPresent([String].self, forKey: .reasons)) ?? [],
            usage: try? c.decodeIfPresent(Usage.self, forKey: .usage)?.usage,
            lastSeen: try? c.decodeIfPresent(Date.self, forKey: .lastSeen),
            latencyMs: try? c.decodeIfPresent(Double.self, forKey: .latencyMs))
    }

    /// pool's `usage` object (bytes, snake_case) as `LiveHostRow.Usage` writes it.
    struct Usage: Decodable {
        var os, kernel, arch: String?
        var cpus: Int?
        var load: [Double]?
        var ram_total, ram_available: UInt64?
        var disk_mount: String?
        var disk_total, disk_used, disk_available: UInt64?
        var gpus: [GPU]?
        var tools: [String]?
        var ram_pressure: Double?
        var cpu_model: String?
        var addresses: [String: [String]]?
        var disks: [DiskUsage]?

        struct GPU: Decodable {
            var index: Int
            var name: String
            var util: Double?
            var mem_used, mem_total: UInt64?
        }

        var usage: HostUsage {
            var u = HostUsage(
                os: os, kernel: kernel, arch: arch, cpus: cpus, load: load, memTotal: ram_total, memAvailable: ram_available,
                gpus: (gpus ?? []).map { GPUUsage(index: $0.index, name: $0.name, utilization: $0.util, memUsed: $0.mem_used, memTotal: $0.mem_total) },
                tools: tools, memPressure: ram_pressure)
            if let m = disk_mount, let t = disk_total, let used = disk_used, let a = disk_available {
                u.disk = DiskUsage(mount: m, total: t, used: used, available: a)
            }
            u.cpuModel = cpu_model
            u.addresses = addresses
            u.disks = disks
            return u
        }
    }
}
