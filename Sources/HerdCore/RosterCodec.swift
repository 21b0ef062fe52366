import Foundation

/// Reads and writes the roster file `hosts.json`.
///
/// On disk: `{"default": NAME?, "hosts": [Host…]}`. A bare array of hosts (pool's `pool.json`) is read too.
/// Every failure names the file and where in it the problem is.
public enum RosterCodec {
    private struct File: Codable {
        var `default`: String?
        var hosts: [Host]
    }

    /// Decodes `data` read from `file`; throws `HerdError.badFile` with line/column or the JSON path.
    public static func decode(_ data: Data, file: String) throws -> Roster {
        if data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            throw HerdError.badFile(file: file, message: "line 1, column 1: file is empty (expected a JSON object)")
        }
        if let failure = JSONSyntax.check(data) {
            throw HerdError.badFile(file: file, message: failure.description)
        }
        let decoded: File
        do {
            if data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "[") {
                decoded = File(default: nil, hosts: try JSONDecoder().decode([Host].self, from: data))
            } else {
                decoded = try JSONDecoder().decode(File.self, from: data)
            }
        } catch let error as DecodingError {
            throw HerdError.badFile(file: file, message: describe(error))
        }
        var roster = Roster()
        for (index, host) in decoded.hosts.enumerated() {
            do { try roster.add(host) } catch let error as HerdError {
                throw HerdError.badFile(file: file, message: "hosts[\(index)]: \(error)")
            }
        }
        if let name = decoded.default {
            do { try roster.setDefault(name) } catch {
                throw HerdError.badFile(file: file, message: "default: host '\(name)' is not in the roster")
            }
        }
        return roster
    }

    /// Encodes `roster` as pretty-printed JSON with a trailing newline.
    public static func encode(_ roster: Roster) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, bools and arrays cannot fail.
        var data = (try? encoder.encode(File(default: roster.defaultHost, hosts: roster.hosts))) ?? Data()
        data.append(0x0A)
        return data
    }

    /// A one-line account of a decoding error: the JSON path and what was wrong there.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            var s = ""
            for k in keys {
                if let i = k.intValue { s += "[\(i)]" } else { s += s.isEmpty ? k.stringValue : ".\(k.stringValue)" }
            }
            return s.isEmpty ? "top level" : s
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            return "\(path(ctx.codingPath + [key])): missing key '\(key.stringValue)'"
        case .typeMismatch(let type, let ctx):
            return "\(path(ctx.codingPath)): expected \(typeName(type))"
        case .valueNotFound(let type, let ctx):
            return "\(path(ctx.codingPath)): expected \(typeName(type)), found null"
        case .dataCorrupted(let ctx):
            return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type: return "an integer"
        default:
            let n = "\(type)"
            if n.hasPrefix("Array") { return "an array" }
            if n.hasPrefix("Dictionary") || n.hasPrefix("KeyedDecodingContainer") { return "an object" }
            return n
        }
    }
}
