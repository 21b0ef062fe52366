/// GPUs from `nvidia-smi --query-gpu=index,name,utilization.gpu,memory.used,memory.total
/// --format=csv,noheader,nounits` (memory in MiB; `[N/A]` or `[Not Supported]` where a value is missing).
public enum NvidiaSMIParser {
    public static func parse(_ lines: [Substring]) -> Result<[GPUUsage], ParseFailure> {
        var gpus: [GPUUsage] = []
        for line in lines {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
            guard f.count == 5, let index = Int(f[0]) else {
                return .failure(ParseFailure("unexpected line '\(line.prefix(60))'"))
            }
            let mib: (String) -> UInt64? = { UInt64($0).map { $0 * 1024 * 1024 } }
            gpus.append(GPUUsage(index: index, name: f[1], utilization: Double(f[2]), memUsed: mib(f[3]), memTotal: mib(f[4])))
        }
        return .success(gpus)
    }
}

extension Substring {
    /// This text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}
