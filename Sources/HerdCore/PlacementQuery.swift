/// A placement query as every face takes it: free text (`7b inference`) and the requirement flags of `herd place`
/// (`--ram 16G --gpu --gpu-mem 20G --cpu 8 --tool ollama`). The CLI fills the fields from its parsed flags; the
/// dashboard and the HTTP and MCP faces parse a typed line with `parse`. `requirements()` is the one place the
/// values are checked and combined (flags win over what the text implies).
public struct PlacementQuery: Sendable, Equatable {
    /// The free-text words.
    public var text: [String]
    /// `--ram` as typed (a size such as 17G).
    public var ram: String?
    /// `--gpu` (`--gpu` alone means 1).
    public var gpu: Int?
    /// `--gpu-mem` as typed.
    public var gpuMem: String?
    /// `--cpu`.
    public var cpu: Int?
    /// `--tool`, repeatable.
    public var tools: [String]

    public init(text: [String] = [], ram: String? = nil, gpu: Int? = nil, gpuMem: String? = nil, cpu: Int? = nil, tools: [String] = []) {
        self.text = text
        self.ram = ram
        self.gpu = gpu
        self.gpuMem = gpuMem
        self.cpu = cpu
        self.tools = tools
    }

    /// Whether any requirement flag was given.
    public var hasFlags: Bool { ram != nil || gpu != nil || cpu != nil || !tools.isEmpty || gpuMem != nil }

    /// The explicit requirements of the flags alone.
    public func flagRequirements() throws -> Requirements {
        if let g = gpu, g < 0 { throw HerdError.invalidInput("--gpu must be 0 or more") }
        if let c = cpu, c < 1 { throw HerdError.invalidInput("--cpu must be at least 1") }
        return Requirements(
            ram: try ram.map { try ByteSize.parse($0, argument: "--ram") }, gpus: gpu, cpus: cpu, tools: tools,
            gpuMem: try gpuMem.map { try ByteSize.parse($0, argument: "--gpu-mem") })
    }

    /// What the text and the flags ask for (flags win over what the text implies).
    public func requirements() throws -> Requirements {
        Requirements.infer(text.joined(separator: " ")).overridden(by: try flagRequirements())
    }

    /// The query in a typed line, split on spaces: words are text, flags take their value from the next word or
    /// after `=`; `--gpu` with no number means 1. An unknown flag or a missing value throws a one-line
    /// `HerdError.invalidInput` naming it.
    public static func parse(_ line: String) throws -> PlacementQuery {
        var q = PlacementQuery()
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        var i = 0
        func value(_ flag: String, inline: String?) throws -> String {
            if let inline { return inline }
            guard i + 1 < words.count else { throw HerdError.invalidInput("\(flag) needs a value") }
            i += 1
            return words[i]
        }
        func number(_ flag: String, _ text: String) throws -> Int {
            guard let n = Int(text) else { throw HerdError.invalidInput("\(flag): '\(TerminalText.line(String(text.prefix(40))))' is not a whole number") }
            return n
        }
        while i < words.count {
            let w = words[i]
            guard w.hasPrefix("-"), w.count > 1 else {
                q.text.append(w)
                i += 1
                continue
            }
            let parts = w.split(separator: "=", maxSplits: 1).map(String.init)
            let flag = parts[0], inline = parts.count > 1 ? parts[1] : nil
            switch flag {
            case "--ram": q.ram = try value(flag, inline: inline)
            case "--gpu-mem": q.gpuMem = try value(flag, inline: inline)
            case "--cpu": q.cpu = try number(flag, try value(flag, inline: inline))
            case "--tool": q.tools.append(try value(flag, inline: inline))
            case "--gpu":
                if let inline {
                    q.gpu = try number(flag, inline)
                } else if i + 1 < words.count, let n = Int(words[i + 1]) {
                    q.gpu = n
                    i += 1
                } else {
                    q.gpu = 1
                }
            default:
                throw HerdError.invalidInput("unknown option '\(TerminalText.line(String(flag.prefix(40))))' (--ram, --gpu, --gpu-mem, --cpu, --tool)")
            }
            i += 1
        }
        return q
    }
}

extension Requirements {
    /// "17G RAM, 1 GPU, tools: ollama" or "nothing in particular".
    public var summary: String {
        var parts: [String] = []
        if let v = ram { parts.append("\(UsageFormat.bytes(v)) RAM") }
        if let g = gpus, g > 0 { parts.append("\(g) GPU\(g == 1 ? "" : "s")") }
        if let c = cpus { parts.append("\(c) core\(c == 1 ? "" : "s")") }
        if let m = gpuMem { parts.append("\(UsageFormat.bytes(m)) free per GPU") }
        if let p = preferredCpus { parts.append("prefers \(p)+ cores") }
        if !tools.isEmpty { parts.append("tools: " + tools.joined(separator: ", ")) }
        return parts.isEmpty ? "nothing in particular" : parts.joined(separator: ", ")
    }
}
