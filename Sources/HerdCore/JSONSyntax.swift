/// A strict JSON syntax check that reports where the first error is (line and column, 1-based).
///
/// Foundation's decoder does not say where a truncated file ends or always give a column; herd's one-line
/// errors for corrupt state files need both, so the bytes are scanned here first.
public struct JSONSyntax {
    /// The first syntax error in a document.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    private let bytes: [UInt8]
    private var i = 0
    private static let maxDepth = 512

    /// Returns nil when `data` is one valid JSON value (surrounded by optional white space), else the failure.
    public static func check(_ data: some Sequence<UInt8>) -> Failure? {
        var s = JSONSyntax(bytes: Array(data))
        do {
            s.skipSpace()
            try s.value(depth: 0)
            s.skipSpace()
            if s.i < s.bytes.count { throw s.fail("unexpected text after the end of the document") }
            return nil
        } catch let f as Failure {
            return f
        } catch {
            return Failure(line: 1, column: 1, message: "\(error)")
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func fail(_ message: String) -> Failure {
        var line = 1, col = 1
        var k = 0
        while k < min(i, bytes.count) {
            if bytes[k] == 0x0A { line += 1; col = 1 } else if bytes[k] & 0xC0 != 0x80 { col += 1 }
            k += 1
        }
        return Failure(line: line, column: col, message: message)
    }

    private var atEnd: Bool { i >= bytes.count }

    private mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    }

    private mutating func expect(_ c: UInt8, _ what: String) throws {
        skipSpace()
        if atEnd { throw fail("unexpected end of file, expected \(what)") }
        if bytes[i] != c { throw fail("expected \(what), found \(found())") }
        i += 1
    }

    private func found() -> String {
        if atEnd { return "end of file" }
        let b = bytes[i]
        return b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x\(String(b, radix: 16))"
    }

    private mutating func value(depth: Int) throws {
        if depth > Self.maxDepth { throw fail("nesting deeper than \(Self.maxDepth)") }
        skipSpace()
        if atEnd { throw fail("unexpected end of file, expected a value") }
        switch bytes[i] {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw fail("expected a value, found \(found())")
        }
    }

    private mutating func object(depth: Int) throws {
        i += 1
        skipSpace()
        if !atEnd, bytes[i] == UInt8(ascii: "}") { i += 1; return }
        while true {
            skipSpace()
            if atEnd { throw fail("unexpected end of file inside an object") }
            if bytes[i] != UInt8(ascii: "\"") { throw fail("expected a quoted key, found \(found())") }
            try string()
            try expect(UInt8(ascii: ":"), "':'")
            try value(depth: depth + 1)
            skipSpace()
            if atEnd { throw fail("unexpected end of file inside an object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return }
            throw fail("expected ',' or '}', found \(found())")
        }
    }

    private mutating func array(depth: Int) throws {
        i += 1
        skipSpace()
        if !atEnd, bytes[i] == UInt8(ascii: "]") { i += 1; return }
        while true {
            try value(depth: depth + 1)
            skipSpace()
            if atEnd { throw fail("unexpected end of file inside an array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return }
            throw fail("expected ',' or ']', found \(found())")
        }
    }

    private mutating func string() throws {
        i += 1
        while !atEnd {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return }
            if b < 0x20 { throw fail("control character inside a string") }
            if b == UInt8(ascii: "\\") {
                i += 1
                if atEnd { break }
                let e = bytes[i]
                if e == UInt8(ascii: "u") {
                    for _ in 0..<4 {
                        i += 1
                        if atEnd { throw fail("unexpected end of file inside a string") }
                        if !isHex(bytes[i]) { throw fail("invalid \\u escape") }
                    }
                } else if !"\"\\/bfnrt".utf8.contains(e) {
                    throw fail("invalid escape")
                }
            }
            i += 1
        }
        throw fail("unexpected end of file inside a string")
    }

    private func isHex(_ b: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(b)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(b)
    }

    private mutating func literal(_ word: String) throws {
        let start = i
        for c in word.utf8 {
            if atEnd { throw fail("unexpected end of file in '\(word)'") }
            if bytes[i] != c {
                i = start
                throw fail("invalid literal, expected '\(word)'")
            }
            i += 1
        }
    }

    private mutating func number() throws {
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        if bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard !atEnd, digits.contains(bytes[i]) else { throw fail("invalid number") }
        if bytes[i] == UInt8(ascii: "0") { i += 1 } else { while !atEnd, digits.contains(bytes[i]) { i += 1 } }
        if !atEnd, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard !atEnd, digits.contains(bytes[i]) else { throw fail("invalid number") }
            while !atEnd, digits.contains(bytes[i]) { i += 1 }
        }
        if !atEnd, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if !atEnd, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard !atEnd, digits.contains(bytes[i]) else { throw fail("invalid number") }
            while !atEnd, digits.contains(bytes[i]) { i += 1 }
        }
    }
}
