import Foundation

/// Colours for the colour roles. Files use btop's format, `theme[host.down]="#bf616a"`, and list only the roles
/// they change; every role has a default here.
public struct Theme: Equatable, Sendable {
    /// Role → 0xRRGGBB.
    public var colors: [ColorRole: UInt32]
    /// A 16-colour theme: the backend maps to the 16 ANSI colours even on a 256-colour terminal.
    public var sixteen: Bool

    /// The built-in dark theme.
    public static let standard = Theme(colors: [
        .background: 0x1E2127, .text: 0xD8DEE9, .dim: 0x6B7385, .title: 0x88C0D0, .border: 0x4C566A,
        .selected: 0x3B4252, .selectedText: 0xECEFF4, .header: 0x81A1C1,
        .hostUp: 0xA3BE8C, .hostDown: 0xBF616A, .hostPartial: 0xEBCB8B, .dedicated: 0xB48EAD,
        .jobRunning: 0x88C0D0, .jobDone: 0xA3BE8C, .jobFailed: 0xBF616A, .jobStopped: 0xD08770, .jobUnknown: 0x6B7385,
        .barLoad: 0x8FBCBB, .barRAM: 0x81A1C1, .barDisk: 0xB48EAD, .barGPU: 0xA3BE8C, .barHigh: 0xBF616A, .barWarn: 0xEBCB8B,
        .statusBar: 0x2E3440, .statusText: 0xD8DEE9, .key: 0xEBCB8B, .warning: 0xEBCB8B,
    ], sixteen: false)

    /// Errors reading a theme file, with the line.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// `standard` with the overrides of a btop-format theme file. Unknown keys and bad colours are errors.
    public static func parse(_ text: String) throws -> Theme {
        var t = standard
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard line.hasPrefix("theme["), let close = line.firstIndex(of: "]"), let eq = line.firstIndex(of: "="), close < eq else {
                throw ParseError(line: i + 1, message: "expected theme[key]=\"#rrggbb\"")
            }
            let key = String(line[line.index(line.startIndex, offsetBy: 6)..<close])
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            if key == "colors" {
                guard value == "16" || value == "256" || value == "truecolor" else {
                    throw ParseError(line: i + 1, message: "colors must be 16, 256 or truecolor")
                }
                t.sixteen = value == "16"
                continue
            }
            guard let role = ColorRole(rawValue: key) else { throw ParseError(line: i + 1, message: "unknown key '\(key)'") }
            guard value.hasPrefix("#"), value.count == 7, let rgb = UInt32(value.dropFirst(), radix: 16) else {
                throw ParseError(line: i + 1, message: "bad colour '\(value)' for \(key)")
            }
            t.colors[role] = rgb
        }
        return t
    }

    /// The colour of `role`.
    public func rgb(_ role: ColorRole) -> UInt32 { colors[role] ?? Theme.standard.colors[role] ?? 0xFFFFFF }

    /// The xterm-256 index nearest to `rgb` (the 6×6×6 cube or the grey ramp).
    public static func xterm256(_ rgb: UInt32) -> Int {
        let r = Int(rgb >> 16 & 0xFF), g = Int(rgb >> 8 & 0xFF), b = Int(rgb & 0xFF)
        func level(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
        let cube = 16 + 36 * level(r) + 6 * level(g) + level(b)
        let steps = [0, 95, 135, 175, 215, 255]
        let cr = steps[level(r)], cg = steps[level(g)], cb = steps[level(b)]
        let grey = (r + g + b) / 3
        let gi = grey > 238 ? 23 : max(0, (grey - 3) / 10)
        let gv = 8 + gi * 10
        func dist(_ a: (Int, Int, Int)) -> Int { (a.0 - r) * (a.0 - r) + (a.1 - g) * (a.1 - g) + (a.2 - b) * (a.2 - b) }
        return dist((gv, gv, gv)) < dist((cr, cg, cb)) ? 232 + gi : cube
    }

    /// The ANSI colour (0–15) nearest to `rgb`.
    public static func ansi16(_ rgb: UInt32) -> Int {
        let palette: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        let r = Int(rgb >> 16 & 0xFF), g = Int(rgb >> 8 & 0xFF), b = Int(rgb & 0xFF)
        var best = 0, bestD = Int.max
        for (i, p) in palette.enumerated() {
            let d = (p.0 - r) * (p.0 - r) + (p.1 - g) * (p.1 - g) + (p.2 - b) * (p.2 - b)
            if d < bestD { best = i; bestD = d }
        }
        return best
    }
}
