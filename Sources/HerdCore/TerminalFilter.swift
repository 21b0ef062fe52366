/// A streaming filter that makes bytes from a host or a file safe to write to the operator's terminal.
///
/// It decodes UTF-8 as it goes (invalid bytes become U+FFFD), recognises every ECMA-48 escape form (CSI,
/// OSC, DCS, SOS, PM, APC, other ESC sequences, their 8-bit C1 forms, a lone ESC) and every C0/C1 control,
/// and removes them. `.line` (table cells, one-line fields) turns tabs and line breaks into spaces and keeps
/// nothing else; `.stream` (`herd on`, `herd logs` on a terminal) keeps newlines, tabs and SGR colour
/// sequences (`CSI digits;… m`), and carriage returns only when asked. Feed it chunks split anywhere (an escape
/// or a UTF-8 character may straddle two reads): state carries over; one pass, constant memory per stream.
public struct TerminalFilter: Sendable {
    /// What the filter keeps.
    public enum Mode: Sendable, Equatable {
        /// Mode (a): no control, no escape; tabs and line breaks become spaces.
        case line
        /// Mode (b): newlines, tabs and SGR colour kept (carriage returns too when `keepCarriageReturn`).
        case stream(keepCarriageReturn: Bool)
    }

    private enum State: Sendable {
        case ground, escape, escapeIntermediate, csi, string, stringEscape
    }

    /// The longest SGR sequence passed through; longer ones are dropped (memory stays bounded).
    static let maxSGR = 64

    public let mode: Mode
    private var state = State.ground
    // UTF-8 decoding across chunks.
    private var cp: UInt32 = 0
    private var need = 0
    private var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
    // The CSI being read (parameters and intermediates), and whether it can still be SGR.
    private var csi: [UInt8] = []
    private var sgr = true

    public init(_ mode: Mode) {
        self.mode = mode
    }

    /// Filters `bytes`, appending what may reach the terminal to `out`.
    public mutating func feed<C: Collection>(_ bytes: C, into out: inout [UInt8]) where C.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buf in feed(buffer: buf, &out) }
        if done == nil {
            for b in bytes { byte(b, &out) }
        }
    }

    /// The same over contiguous bytes, copying runs of printable ASCII in one go.
    private mutating func feed(buffer buf: UnsafeBufferPointer<UInt8>, _ out: inout [UInt8]) {
        var i = 0
        let n = buf.count
        while i < n {
            if need == 0 && state == .ground {
                var j = i
                while j < n && buf[j] >= 0x20 && buf[j] < 0x7F { j += 1 }
                if j > i {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                    i = j
                    continue
                }
            }
            byte(buf[i], &out)
            i += 1
        }
    }

    /// Ends the stream: an unfinished UTF-8 character becomes U+FFFD, an unfinished escape is dropped.
    public mutating func finish(into out: inout [UInt8]) {
        if need > 0 {
            need = 0
            invalid(&out)
        }
        state = .ground
        csi.removeAll(keepingCapacity: true)
    }

    private mutating func byte(_ b: UInt8, _ out: inout [UInt8]) {
        if need > 0 {
            if b >= lower && b <= upper {
                cp = (cp << 6) | UInt32(b & 0x3F)
                need -= 1
                lower = 0x80
                upper = 0xBF
                if need == 0 { scalar(cp, &out) }
                return
            }
            // A truncated character: replace what came so far, then read this byte afresh.
            need = 0
            lower = 0x80
            upper = 0xBF
            invalid(&out)
        }
        switch b {
        case 0x00...0x7F: scalar(UInt32(b), &out)
        case 0xC2...0xDF: start(UInt32(b & 0x1F), 1)
        case 0xE0: start(0, 2, lower: 0xA0)
        case 0xE1...0xEC, 0xEE, 0xEF: start(UInt32(b & 0x0F), 2)
        case 0xED: start(0x0D, 2, upper: 0x9F)
        case 0xF0: start(0, 3, lower: 0x90)
        case 0xF1...0xF3: start(UInt32(b & 0x07), 3)
        case 0xF4: start(4, 3, upper: 0x8F)
        default: invalid(&out)
        }
    }

    private mutating func start(_ bits: UInt32, _ count: Int, lower: UInt8 = 0x80, upper: UInt8 = 0xBF) {
        cp = bits
        need = count
        self.lower = lower
        self.upper = upper
    }

    /// An invalid byte sequence: shown as U+FFFD in text, dropped inside an escape string.
    private mutating func invalid(_ out: inout [UInt8]) {
        switch state {
        case .string, .stringEscape:
            state = .string
        case .ground:
            out.append(contentsOf: [0xEF, 0xBF, 0xBD])
        case .escape, .escapeIntermediate, .csi:
            state = .ground
            out.append(contentsOf: [0xEF, 0xBF, 0xBD])
        }
    }

    private mutating func scalar(_ c: UInt32, _ out: inout [UInt8]) {
        switch state {
        case .ground: ground(c, &out)
        case .escape:
            switch c {
            case 0x5B: beginCSI()  // [
            case 0x5D, 0x50, 0x58, 0x5E, 0x5F: state = .string  // ] P X ^ _
            case 0x20...0x2F: state = .escapeIntermediate
            case 0x30...0x7E: state = .ground
            case 0x1B: state = .escape
            default:
                state = .ground
                ground(c, &out)
            }
        case .escapeIntermediate:
            switch c {
            case 0x20...0x2F: break
            case 0x30...0x7E: state = .ground
            default:
                state = .ground
                ground(c, &out)
            }
        case .csi:
            switch c {
            case 0x30...0x3F:
                if sgr && (c <= 0x3B) && csi.count < Self.maxSGR { csi.append(UInt8(c)) } else { sgr = false }
            case 0x20...0x2F: sgr = false
            case 0x40...0x7E:
                state = .ground
                if c == 0x6D, sgr, case .stream = mode {
                    out.append(0x1B)
                    out.append(0x5B)
                    out.append(contentsOf: csi)
                    out.append(0x6D)
                }
            default:
                state = .ground
                ground(c, &out)
            }
        case .string:
            switch c {
            case 0x07, 0x9C, 0x18, 0x1A: state = .ground
            case 0x1B: state = .stringEscape
            case 0x0A:
                // A newline ends an unterminated string, so a stray ESC ] hides at most one line.
                state = .ground
                ground(c, &out)
            default: break
            }
        case .stringEscape:
            if c == 0x5C {
                state = .ground
            } else {
                state = .escape
                scalar(c, &out)
            }
        }
    }

    private mutating func beginCSI() {
        state = .csi
        csi.removeAll(keepingCapacity: true)
        sgr = true
    }

    private mutating func ground(_ c: UInt32, _ out: inout [UInt8]) {
        switch c {
        case 0x1B: state = .escape
        case 0x0A:
            if mode == .line { out.append(0x20) } else { out.append(0x0A) }
        case 0x09:
            if mode == .line { out.append(0x20) } else { out.append(0x09) }
        case 0x0D:
            switch mode {
            case .line: out.append(0x20)
            case .stream(let keep): if keep { out.append(0x0D) }
            }
        case 0x0B, 0x0C:
            if mode == .line { out.append(0x20) }
        case 0x00...0x1F, 0x7F: break
        case 0x9B: beginCSI()
        case 0x9D, 0x90, 0x98, 0x9E, 0x9F: state = .string
        case 0x80...0x9F: break
        case 0x2028, 0x2029:
            if mode == .line { out.append(0x20) } else { Self.encode(c, &out) }
        case 0x202A...0x202E, 0x2066...0x2069:
            // Bidirectional overrides reorder the rest of a table row; text in a cell has no use for them.
            if mode != .line { Self.encode(c, &out) }
        default: Self.encode(c, &out)
        }
    }

    static func encode(_ c: UInt32, _ out: inout [UInt8]) {
        switch c {
        case 0..<0x80: out.append(UInt8(c))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (c >> 6)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (c >> 12)))
            out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (c >> 18)))
            out.append(UInt8(0x80 | ((c >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((c >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (c & 0x3F)))
        }
    }
}
