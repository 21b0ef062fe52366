/// What a job needs from a host, from flags or inferred from a description.
public struct Requirements: Sendable, Equatable, Codable {
    /// Bytes of RAM to reserve.
    public var ram: UInt64?
    /// GPUs needed (nil: none asked).
    public var gpus: Int?
    /// CPU cores wanted.
    public var cpus: Int?
    /// Tools that must be on the host's PATH.
    public var tools: [String]
    /// Free memory each counted GPU must have, bytes (`--gpu-mem`); nil: `Placement.defaultGPUMemory`.
    public var gpuMem: UInt64?
    /// Cores the job would like (`heavy`): a preference in the ranking, never a reason to refuse a host.
    public var preferredCpus: Int?
    /// How each inferred requirement was found ("7b → 17G RAM").
    public var explanation: [String]

    public init(
        ram: UInt64? = nil, gpus: Int? = nil, cpus: Int? = nil, tools: [String] = [], explanation: [String] = [],
        gpuMem: UInt64? = nil, preferredCpus: Int? = nil
    ) {
        self.gpuMem = gpuMem
        self.preferredCpus = preferredCpus
        self.ram = ram
        self.gpus = gpus
        self.cpus = cpus
        self.tools = tools
        self.explanation = explanation
    }

    /// Requirements read from free text by keywords: model sizes (`7b`, `13B`, `70b`, `1.5b`) → RAM at 2 bytes per
    /// parameter plus 20%; as axis does, `model`, `inference` and `heavy` raise the minimum free RAM too
    /// (`ramFloors`, the largest figure wins); inference / train / cuda / gpu → one GPU; ollama, git, go, docker,
    /// python → that tool; heavy → a preference for 8 cores (ranking only), light → 1 core. Flags given explicitly
    /// win over what is inferred.
    public static func infer(_ text: String) -> Requirements {
        var r = Requirements()
        let words = text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == ".") }.map(String.init)
        for w in words {
            if w.hasSuffix("b"), let n = Double(w.dropLast()), n > 0, n < 10_000 {
                let gb = (n * 2 * 1.2).rounded(.up)
                let bytes = UInt64(gb) << 30
                if bytes > (r.ram ?? 0) {
                    r.ram = bytes
                    r.explanation.append("\(w) model → \(Int(gb))G RAM (2 bytes per parameter + 20%)")
                }
            }
            if let gb = Self.ramFloors[w], (UInt64(gb) << 30) > (r.ram ?? 0) {
                r.ram = UInt64(gb) << 30
                r.explanation.append("'\(w)' → at least \(gb)G free RAM")
            }
            if ["inference", "infer", "train", "training", "cuda", "gpu", "gpus"].contains(w), r.gpus == nil {
                r.gpus = 1
                r.explanation.append("'\(w)' → 1 GPU")
            }
            let tool = ["ollama": "ollama", "git": "git", "go": "go", "golang": "go", "docker": "docker", "python": "python3", "python3": "python3"][w]
            if let tool, !r.tools.contains(tool) {
                r.tools.append(tool)
                r.explanation.append("'\(w)' → needs \(tool)")
            }
            if w == "heavy", r.preferredCpus == nil { r.preferredCpus = 8; r.explanation.append("'heavy' → prefers 8+ cores") }
            if w == "light", r.cpus == nil { r.cpus = 1; r.explanation.append("'light' → 1 core") }
        }
        return r
    }

    /// The minimum free RAM, in GiB, that a keyword implies on its own (axis's keywords).
    public static let ramFloors: [String: Int] = ["model": 4, "heavy": 4, "inference": 8, "infer": 8]

    /// These requirements with every explicit value of `flags` taking precedence.
    public func overridden(by flags: Requirements) -> Requirements {
        var r = self
        if let v = flags.ram { r.ram = v; r.explanation.append("--ram \(UsageFormat.bytes(v))") }
        if let v = flags.gpus { r.gpus = v; r.explanation.append("--gpu \(v)") }
        if let v = flags.cpus { r.cpus = v; r.explanation.append("--cpu \(v)") }
        if let v = flags.gpuMem { r.gpuMem = v; r.explanation.append("--gpu-mem \(UsageFormat.bytes(v))") }
        for t in flags.tools where !r.tools.contains(t) { r.tools.append(t); r.explanation.append("--tool \(t)") }
        return r
    }
}
