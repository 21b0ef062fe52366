/// A description of one machine (`herd facts`): identity, CPU, memory, disks, GPUs, addresses and tools.
public struct Facts: Codable, Sendable, Equatable {
    public var hostname: String
    public var os: String?
    public var kernel: String?
    public var arch: String?
    public var cpuModel: String?
    public var cores: Int?
    public var memTotal: UInt64?
    public var memAvailable: UInt64?
    /// Linux PSI: share of the last 10 s in which some task waited for memory (`/proc/pressure/memory`), in percent.
    public var memPressure: Double?
    public var disks: [DiskUsage]
    public var gpus: [GPUUsage]
    /// Interface name → addresses (loopback left out).
    public var addresses: [String: [String]]
    /// Tool name → absolute path, for the tools herd cares about that are on PATH.
    public var tools: [String: String]

    /// RAM figures use the `ram_` names of `herd ls --json`; the rest follow the property names in snake_case.
    private enum CodingKeys: String, CodingKey {
        case hostname, os, kernel, arch, cpuModel, cores, disks, gpus, addresses, tools
        case memTotal = "ram_total", memAvailable = "ram_available", memPressure = "ram_pressure"
    }

    /// The tools `herd facts` looks for.
    public static let toolNames = ["go", "python3", "git", "docker", "ollama", "node", "swift", "cargo", "gcc", "nvidia-smi", "tmux", "rsync"]

    public init(
        hostname: String, os: String? = nil, kernel: String? = nil, arch: String? = nil, cpuModel: String? = nil, cores: Int? = nil,
        memTotal: UInt64? = nil, memAvailable: UInt64? = nil, memPressure: Double? = nil, disks: [DiskUsage] = [],
        gpus: [GPUUsage] = [], addresses: [String: [String]] = [:], tools: [String: String] = [:]
    ) {
        self.hostname = hostname
        self.os = os
        self.kernel = kernel
        self.arch = arch
        self.cpuModel = cpuModel
        self.cores = cores
        self.memTotal = memTotal
        self.memAvailable = memAvailable
        self.memPressure = memPressure
        self.disks = disks
        self.gpus = gpus
        self.addresses = addresses
        self.tools = tools
    }

    /// The CPU model from `/proc/cpuinfo` text ("model name", or "Hardware"/"Model" on ARM).
    public static func cpuModel(fromCPUInfo text: String) -> String? {
        for key in ["model name", "Hardware", "Model", "cpu model"] {
            for line in text.split(separator: "\n") where line.hasPrefix(key) {
                if let colon = line.firstIndex(of: ":") {
                    let v = line[line.index(after: colon)...].trimmingSpaces()
                    if !v.isEmpty { return v }
                }
            }
        }
        return nil
    }

    /// `avg10` of the `some` line of `/proc/pressure/memory`.
    public static func memoryPressure(fromPSI text: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix("some") {
            for field in line.split(separator: " ") where field.hasPrefix("avg10=") {
                return Double(field.dropFirst(6))
            }
        }
        return nil
    }
}

extension Facts: StructuredDocument {}
