import Foundation

/// One answer of the agent's `log UUID OFFSET MAX` verb: the job's state line, the log's size when read, and the
/// bytes read from the offset (decoded from base64 or hex). Every field comes from a host: a malformed answer is a
/// `LogChunk.Failure`, never a crash or a guess.
public struct LogChunk: Sendable, Equatable {
    /// The `@@job …` line about the job (for `JobReport.parse`), or "" when the agent sent none.
    public var stateLine: String
    /// The log file's size in bytes when the agent looked (the file may grow meanwhile).
    public var size: UInt64
    /// The bytes read from the offset asked for (at most the length asked for).
    public var bytes: Data

    public init(stateLine: String, size: UInt64, bytes: Data) {
        self.stateLine = stateLine
        self.size = size
        self.bytes = bytes
    }

    /// Why an answer could not be used.
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
        public init(message: String) { self.message = message }

        /// The agent found no log file for the job (`@@error no log`).
        public static let noLog = Failure(message: "the host's agent says: no log")
    }

    /// Parses the answer's lines (without the done marker). `@@error …` lines become a failure naming the reason.
    public static func parse(_ lines: [String]) throws -> LogChunk {
        var state = ""
        var size: UInt64?
        var encoding = ""
        var payload = ""
        for line in lines {
            if line.hasPrefix("@@job ") {
                state = line
            } else if line.hasPrefix("@@error ") {
                throw Failure(message: "the host's agent says: " + String(line.dropFirst(8).prefix(80)).filter { $0.isASCII && !$0.isASCIIControl })
            } else if line.hasPrefix("@@log ") {
                let f = line.split(separator: " ")
                guard f.count == 3, let s = UInt64(f[1]), f[2] == "b64" || f[2] == "hex" else {
                    throw Failure(message: "unexpected log header from the host's agent")
                }
                size = s
                encoding = String(f[2])
            } else if size != nil {
                payload += line
            } else {
                throw Failure(message: "unexpected line before the log header from the host's agent")
            }
        }
        guard let size else { throw Failure(message: "no log header in the host's answer") }
        let bytes: Data?
        switch encoding {
        case "b64": bytes = payload.isEmpty ? Data() : Data(base64Encoded: payload)
        default: bytes = hex(payload)
        }
        guard let bytes else { throw Failure(message: "the log bytes from the host's agent are not valid \(encoding)") }
        return LogChunk(stateLine: state, size: size, bytes: bytes)
    }

    /// Decodes lowercase or uppercase hex digits (od's output without spaces); nil on any other byte.
    static func hex(_ text: String) -> Data? {
        let u = Array(text.utf8)
        guard u.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: return c - 0x30
            case 0x61...0x66: return c - 0x61 + 10
            case 0x41...0x46: return c - 0x41 + 10
            default: return nil
            }
        }
        var out = Data(capacity: u.count / 2)
        var i = 0
        while i < u.count {
            guard let hi = nibble(u[i]), let lo = nibble(u[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}

extension Character {
    fileprivate var isASCIIControl: Bool { asciiValue.map { $0 < 0x20 || $0 == 0x7f } ?? false }
}
