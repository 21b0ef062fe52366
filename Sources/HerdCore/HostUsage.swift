/// What a probe learned about a host: load, memory, root disk, GPUs, and basic identity.
///
/// Every field is optional: a partial probe fills what it could. Sizes are bytes.
public struct HostUsage: Codable, Sendable, Equatable {
    /// OS family ("linux", "macos").
    public var os: String?
    /// Kernel release (`uname -r`).
    public var kernel: String?
    /// Machine architecture (`uname -m`).
    public var arch: String?
    /// Online CPU count.
    public var cpus: Int?
    /// 1, 5 and 15 minute load averages.
    public var load: [Double]?
    /// Total physical memory.
    public var memTotal: UInt64?
    /// Memory available for new work without swapping (Linux MemAvailable; macOS free + inactive + speculative).
    public var memAvailable: UInt64?
    /// The root filesystem.
    public var disk: DiskUsage?
    /// NVIDIA GPUs, empty when none (or no nvidia-smi).
    public var gpus: [GPUUsage]
    /// Tools found on the host's PATH (among `Facts.toolNames`); nil when the probe did not say.
    public var tools: [String]?
    /// Linux PSI: share of the last 10 s in which some task waited for memory, in percent.
    public var memPressure: Double?
    /// The CPU model ("AMD EPYC 7543"), as `herd facts` shows it.
    public var cpuModel: String?
    /// Interface → addresses (loopback left out; `*` when only `hostname -I` answered).
    public var addresses: [String: [String]]?
    /// Every local filesystem (pseudo ones left out); `disk` is the root one.
    public var disks: [DiskUsage]?
    /// Share of CPU time busy since the previous probe, in percent (Linux `/proc/stat`); nil on a first probe.
    public var cpuPercent: Double?

    public init(
        os: String? = nil, kernel: String? = nil, arch: String? = nil, cpus: Int? = nil, load: [Double]? = nil,
        memTotal: UInt64? = nil, memAvailable: UInt64? = nil, disk: DiskUsage? = nil, gpus: [GPUUsage] = [],
        tools: [String]? = nil, memPressure: Double? = nil
    ) {
        self.tools = tools
        self.memPressure = memPressure
        self.os = os
        self.kernel = kernel
        self.arch = arch
        self.cpus = cpus
        self.load = load
        self.memTotal = memTotal
        self.memAvailable = memAvailable
        self.disk = disk
        self.gpus = gpus
    }

    /// Memory in use (total − available).
    public var memUsed: UInt64? {
        guard let t = memTotal, let a = memAvailable else { return nil }
        return t >= a ? t - a : 0
    }

    /// The 1-minute load average.
    public var load1: Double? { load?.first }

    /// Mean GPU utilisation in percent, nil without GPUs or plausible readings.
    public var gpuUtilization: Double? {
        let u = gpus.compactMap { Plausible.within($0.utilization, Plausible.percent) }
        return u.isEmpty ? nil : u.reduce(0, +) / Double(u.count)
    }
}

/// One filesystem's size and use.
public struct DiskUsage: Codable, Sendable, Equatable {
    /// Where it is mounted.
    public var mount: String
    public var total: UInt64
    public var used: UInt64
    public var available: UInt64

    public init(mount: String, total: UInt64, used: UInt64, available: UInt64) {
        self.mount = mount
        self.total = total
        self.used = used
        self.available = available
    }

    /// Percentage in use as df computes it: used / (used + available), rounded up; always 0–100, whatever the
    /// figures (they may come from a hostile host or a decoded file).
    public var percentUsed: Int {
        let (denom, overflow) = used.addingReportingOverflow(available)
        guard denom > 0 else { return 0 }
        if !overflow, used <= UInt64.max / 100, denom <= UInt64.max - used * 100 {
            return Int(min(100, (used * 100 + denom - 1) / denom))
        }
        let ratio = Double(used) / (Double(used) + Double(available))
        return max(0, min(100, Saturating.int((ratio * 100).rounded(.up))))
    }
}

/// One GPU as nvidia-smi reports it.
public struct GPUUsage: Codable, Sendable, Equatable {
    public var index: Int
    public var name: String
    /// Utilisation in percent, nil when not reported (`[N/A]`).
    public var utilization: Double?
    /// Memory used and total, bytes.
    public var memUsed: UInt64?
    public var memTotal: UInt64?

    /// `util` as in the GPUs of `herd ls --json`, so both documents name it alike.
    private enum CodingKeys: String, CodingKey {
        case index, name, memUsed, memTotal
        case utilization = "util"
    }

    public init(index: Int, name: String, utilization: Double?, memUsed: UInt64?, memTotal: UInt64?) {
        self.index = index
        self.name = name
        self.utilization = utilization
        self.memUsed = memUsed
        self.memTotal = memTotal
    }
}
