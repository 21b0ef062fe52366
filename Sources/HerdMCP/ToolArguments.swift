import Foundation
import HerdCore
import MCP

/// A tool call's arguments, read with one-line errors naming the argument (a wrong type, a value out of range, an
/// argument the tool does not take), so a model sees what to fix.
struct ToolArguments {
    let tool: String
    let values: [String: Value]

    init(tool: String, values: [String: Value]?, allowed: Set<String>) throws {
        self.tool = tool
        self.values = values ?? [:]
        if let unknown = self.values.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw ToolFailure("\(tool): unknown argument '\(TerminalText.line(String(unknown.prefix(40))))'"
                + (allowed.isEmpty ? " (it takes none)" : " (it takes: \(allowed.sorted().joined(separator: ", ")))"))
        }
    }

    /// A string argument; nil when absent or null.
    func string(_ key: String) throws -> String? {
        guard let v = values[key], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw ToolFailure("\(tool): '\(key)' must be a string") }
        return s
    }

    /// A boolean argument; `fallback` when absent.
    func bool(_ key: String, fallback: Bool = false) throws -> Bool {
        guard let v = values[key], !v.isNull else { return fallback }
        guard let b = v.boolValue else { throw ToolFailure("\(tool): '\(key)' must be true or false") }
        return b
    }

    /// A whole-number argument within `range`; nil when absent.
    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = values[key], !v.isNull else { return nil }
        let n: Int
        if let i = v.intValue {
            n = i
        } else if let d = v.doubleValue, d.isFinite, d == d.rounded(), abs(d) < 1e15 {
            n = Int(d)
        } else {
            throw ToolFailure("\(tool): '\(key)' must be a whole number")
        }
        guard range.contains(n) else { throw ToolFailure("\(tool): '\(key)' must be between \(range.lowerBound) and \(range.upperBound)") }
        return n
    }

    /// An array-of-strings argument; nil when absent.
    func strings(_ key: String) throws -> [String]? {
        guard let v = values[key], !v.isNull else { return nil }
        guard let a = v.arrayValue else { throw ToolFailure("\(tool): '\(key)' must be an array of strings") }
        return try a.map { item in
            guard let s = item.stringValue else { throw ToolFailure("\(tool): '\(key)' must be an array of strings") }
            return s
        }
    }

    /// A size argument (`16G`, `512M`, or a number of bytes); nil when absent.
    func size(_ key: String) throws -> UInt64? {
        guard let v = values[key], !v.isNull else { return nil }
        if let i = v.intValue, i >= 0 { return UInt64(i) }
        guard let s = v.stringValue else { throw ToolFailure("\(tool): '\(key)' must be a size such as \"16G\"") }
        do { return try ByteSize.parse(s, argument: key) } catch { throw ToolFailure("\(tool): \(error)") }
    }

    /// The explicit requirements of `ram`, `gpus`, `cpus`, `tools`, `gpu_mem`.
    func requirements() throws -> Requirements {
        Requirements(
            ram: try size("ram"), gpus: try int("gpus", in: 0...64), cpus: try int("cpus", in: 1...4096), tools: try strings("tools") ?? [],
            gpuMem: try size("gpu_mem"))
    }
}

/// A tool call that cannot be answered: reported to the client as a tool error (`isError`) with this one line.
struct ToolFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
