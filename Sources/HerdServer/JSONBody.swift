import Foundation
import HerdCore
import Hummingbird
import NIOCore

/// A request's JSON object, read with a size bound and checked field by field, so every bad body gets a 4xx
/// naming the field.
struct JSONBody: Sendable {
    private let object: [String: any Sendable]
    /// A JSON null (a field given as null counts as absent).
    private struct Null: Sendable {}
    /// How much of an oversized body is read (and dropped) before answering 413.
    static let drain = 8 << 20

    /// Reads at most `limit` bytes of `request`'s body (413 beyond it) and parses a JSON object (400 otherwise).
    /// An empty body is an empty object.
    static func read(_ request: Request, limit: Int) async throws -> JSONBody {
        // Read chunk by chunk: past the limit the rest is read and dropped (up to `drain` bytes), so the client,
        // still sending, gets the 413 instead of a reset connection; memory never holds more than the limit.
        var buffer = ByteBuffer()
        var seen = 0
        for try await chunk in request.body {
            seen += chunk.readableBytes
            if seen <= limit {
                var c = chunk
                buffer.writeBuffer(&c)
            } else if seen > Self.drain {
                break
            }
        }
        if seen > limit {
            throw APIError(.contentTooLarge, "request body is over the limit of \(limit) bytes")
        }
        let data = Data(buffer.readableBytesView)
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return JSONBody(object: [:]) }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw APIError.badRequest("request body is not valid JSON")
        }
        guard let dict = parsed as? [String: Any] else { throw APIError.badRequest("request body must be a JSON object") }
        return JSONBody(object: dict.mapValues { Self.sendable($0) })
    }

    private static func sendable(_ v: Any) -> any Sendable {
        if let s = v as? String { return s }
        if type(of: v) == Bool.self, let b = v as? Bool { return b }
        if let n = v as? NSNumber {
            if "\(type(of: n))".contains("Boolean") { return n.boolValue }
            return n.doubleValue
        }
        if let i = v as? Int { return Double(i) }
        if let d = v as? Double { return d }
        if let a = v as? [Any] { return a.map { sendable($0) } }
        if v is NSNull { return Null() }
        return "\(v)"
    }

    private func value(_ key: String) -> (any Sendable)? {
        guard let v = object[key], !(v is Null) else { return nil }
        return v
    }

    /// A string field, or nil when absent.
    func string(_ key: String) throws -> String? {
        guard let v = value(key) else { return nil }
        guard let s = v as? String else { throw APIError.badRequest("'\(key)' must be a string") }
        return s
    }

    /// A true/false field, or nil when absent.
    func bool(_ key: String) throws -> Bool? {
        guard let v = value(key) else { return nil }
        guard let b = v as? Bool else { throw APIError.badRequest("'\(key)' must be true or false") }
        return b
    }

    /// A whole-number field in `range`, or nil when absent.
    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = value(key) else { return nil }
        guard let d = v as? Double, d.rounded() == d, d >= Double(range.lowerBound), d <= Double(range.upperBound) else {
            throw APIError.badRequest("'\(key)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return Int(d)
    }

    /// A byte size: a number of bytes or a size text such as "16G".
    func bytes(_ key: String) throws -> UInt64? {
        guard let v = value(key) else { return nil }
        if let d = v as? Double {
            guard d >= 0, d < 1e18, d.rounded() == d else { throw APIError.badRequest("'\(key)' must be a size such as \"16G\" or a byte count") }
            return UInt64(d)
        }
        guard let s = v as? String else { throw APIError.badRequest("'\(key)' must be a size such as \"16G\"") }
        return try ByteSize.parse(s, argument: key)
    }

    /// A duration in seconds: a number, or a text such as "45m", "1h30m".
    func seconds(_ key: String) throws -> TimeInterval? {
        guard let v = value(key) else { return nil }
        if let d = v as? Double {
            guard d > 0, d.isFinite else { throw APIError.badRequest("'\(key)' must be a positive duration") }
            return d
        }
        guard let s = v as? String else { throw APIError.badRequest("'\(key)' must be a duration such as \"45m\"") }
        return try ByteSize.parseDuration(s, argument: key)
    }

    /// A list of strings (a single string counts as a list of one), or [] when absent.
    func strings(_ key: String) throws -> [String] {
        guard let v = value(key) else { return [] }
        if let s = v as? String { return [s] }
        guard let a = v as? [any Sendable], let list = a as? [String] else {
            throw APIError.badRequest("'\(key)' must be a string or a list of strings")
        }
        return list
    }

    /// The field names present.
    var keys: Set<String> { Set(object.keys) }
}
