/// GPUs from `nvidia-smi --query-gpu=index,name,utilization.gpu,memory.used,memory.total
/// --format=csv,noheader,nounits` (memory in MiB; `[N/A]` or `[Not Supported]` where a value is missing).
/// A figure outside its `Plausible` range is left unknown and reported with the GPU's index.
public enum NvidiaSMIParser {
    /// The GPUs, and one problem per implausible figure.
    public struct Output: Sendable, Equatable {
        public var gpus: [GPUUsage]
        public var problems: [String]
    }

    public static func parse(_ lines: [Substring]) -> Result<Output, ParseFailure> {
        guard lines.count <= Plausible.gpuCount.upperBound else {
            return .failure(ParseFailure("more than \(Plausible.gpuCount.upperBound) GPUs"))
        }
        var out = Output(gpus: [], problems: [])
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
            guard f.count == 5, let index = Plausible.integer(f[0], in: Plausible.gpuIndex).value else {
                return .failure(ParseFailure("unexpected line"))
            }
            func reading<T>(_ r: Plausible.Reading<T>, _ field: String) -> T? {
                if r == .outOfRange { out.problems.append("GPU \(index) \(field) out of range") }
                return r.value
            }
            let util = reading(Plausible.decimal(f[2], in: Plausible.percent), "utilization")
            let used = reading(Plausible.bytes(f[3], unit: 1 << 20, in: Plausible.gpuMemoryBytes), "memory.used")
            let total = reading(Plausible.bytes(f[4], unit: 1 << 20, in: Plausible.gpuMemoryBytes), "memory.total")
            out.gpus.append(GPUUsage(index: index, name: String(f[1].prefix(Plausible.textLength)), utilization: util, memUsed: used, memTotal: total))
        }
        return .success(out)
    }
}

extension Substring {
    /// This text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}
