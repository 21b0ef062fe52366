import Foundation

/// The fields of one imported host entry (from JSON or YAML), read with their types checked: a value of the
/// wrong type (`"sudo": "yes"`, `"shared": 1`, a number as name) is an error naming the key, never coerced.
struct ImportFields {
    let fields: [String: Any]

    /// Nil when `value` is not a mapping with string keys.
    init?(_ value: Any) {
        if let map = value as? [String: Any] {
            fields = map
        } else if let map = value as? [AnyHashable: Any] {
            var out: [String: Any] = [:]
            for (k, v) in map {
                guard let key = k.base as? String else { return nil }
                out[key] = v
            }
            fields = out
        } else {
            return nil
        }
    }

    func has(_ key: String) -> Bool { fields[key] != nil }

    /// The string at `key`; nil when absent.
    func string(_ key: String) throws -> String? {
        guard let v = fields[key] else { return nil }
        guard let s = v as? String, !Self.isBool(v) else { throw Self.wrong(key, "a string", v) }
        return s
    }

    /// The boolean at `key` (JSON true/false, YAML true/false); nil when absent.
    func bool(_ key: String) throws -> Bool? {
        guard let v = fields[key] else { return nil }
        guard Self.isBool(v), let b = v as? Bool else { throw Self.wrong(key, "true or false", v) }
        return b
    }

    /// The integer at `key` (no fraction, no quotes); nil when absent.
    func int(_ key: String) throws -> Int? {
        guard let v = fields[key] else { return nil }
        if !Self.isBool(v), type(of: v) == Int.self, let i = v as? Int { return i }
        if !Self.isBool(v), let n = v as? NSNumber, let i = Int(exactly: n.doubleValue), Double(i) == n.doubleValue,
            !String(describing: n).contains(".")
        {
            return i
        }
        throw Self.wrong(key, "an integer", v)
    }

    /// The number at `key` (an integer or a fraction, no quotes); nil when absent.
    func number(_ key: String) throws -> Double? {
        guard let v = fields[key] else { return nil }
        if !Self.isBool(v), let i = v as? Int { return Double(i) }
        if !Self.isBool(v), let d = v as? Double { return d }
        if !Self.isBool(v), let n = v as? NSNumber { return n.doubleValue }
        throw Self.wrong(key, "a number", v)
    }

    /// The list of strings at `key`; nil when absent.
    func strings(_ key: String) throws -> [String]? {
        guard let v = fields[key] else { return nil }
        guard let list = v as? [Any] else { throw Self.wrong(key, "a list of strings", v) }
        return try list.map { item in
            guard let s = item as? String, !Self.isBool(item) else { throw Self.wrong(key, "a list of strings", v) }
            return s
        }
    }

    /// Whether `v` is a boolean: Swift's own (YAML) or Foundation's boxed one (JSONSerialization), which `as? Bool`
    /// alone cannot tell from the number 1.
    static func isBool(_ v: Any) -> Bool {
        type(of: v) == Bool.self || String(describing: type(of: v)).hasSuffix("Boolean")
    }

    static func wrong(_ key: String, _ expected: String, _ value: Any) -> HerdError {
        .invalidInput("'\(key)' must be \(expected), not \(describe(value))")
    }

    /// A short description of what was found instead.
    static func describe(_ v: Any) -> String {
        if isBool(v) { return (v as? Bool ?? false) ? "true" : "false" }
        if v is NSNull { return "null" }
        if let s = v as? String { return "the string " + String(reflecting: String(s.prefix(20))) }
        if v is NSNumber || v is Int || v is Double { return "the number \(v)" }
        if v is [Any] { return "a list" }
        return "a mapping"
    }
}
