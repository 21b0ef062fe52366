/// Maps a style's colour roles to the colours a terminal has: 256 (the xterm cube), 16 or 8 ANSI colours.
/// The theme's main background is painted (a light theme on a dark terminal stays light); a background role
/// meant to stand out (a selected row, the status bar) that lands on the main background's colour takes the
/// nearest other colour; and a foreground never lands on its own background (it becomes black or white,
/// whichever shows). Pure, so the mapping of every shipped theme is tested at every depth.
public struct TerminalPalette: Sendable {
    /// How many colours the terminal offers.
    public enum Depth: Int, Sendable, CaseIterable { case eight = 8, sixteen = 16, full = 256 }

    public let theme: Theme
    public let depth: Depth

    /// The palette for `theme` on a terminal with `colors` colours (a 16-colour theme stays on 16 colours).
    public init(theme: Theme, colors: Int) {
        self.theme = theme
        depth = colors >= 256 && !theme.sixteen ? .full : colors >= 16 ? .sixteen : .eight
    }

    /// The ANSI colours 0–15 as xterm draws them.
    static let ansi: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The terminal colour indices (foreground, background) for `style`.
    public func colors(_ style: Style) -> (fg: Int, bg: Int) {
        let main = index(theme.rgb(.background), avoiding: nil)
        let bg = style.bg == .background ? main : index(theme.rgb(style.bg), avoiding: main)
        var fg = index(theme.rgb(style.fg), avoiding: nil)
        if fg == bg { fg = contrast(to: depth == .full ? theme.rgb(style.bg) : Self.rgb(ansi: bg)) }
        return (fg, bg)
    }

    /// The nearest colour to `rgb`, other than `avoiding` when given (only on 8 and 16 colours, where distinct
    /// theme colours often fall together).
    func index(_ rgb: UInt32, avoiding: Int?) -> Int {
        let r = Int(rgb >> 16 & 0xFF), g = Int(rgb >> 8 & 0xFF), b = Int(rgb & 0xFF)
        if depth == .full {
            let i = Theme.xterm256(rgb)
            guard let avoiding, i == avoiding else { return i }
            return Self.luminance(rgb) > 0.5 ? i - 1 : i + 1
        }
        var best = 0, bestD = Int.max
        for (i, p) in Self.ansi.prefix(depth.rawValue).enumerated() where i != avoiding {
            let d = (p.0 - r) * (p.0 - r) + (p.1 - g) * (p.1 - g) + (p.2 - b) * (p.2 - b)
            if d < bestD { best = i; bestD = d }
        }
        return best
    }

    /// Black or white, whichever shows on a background of `rgb`.
    func contrast(to rgb: UInt32) -> Int {
        let light = Self.luminance(rgb) > 0.5
        switch depth {
        case .eight: return light ? 0 : 7
        case .sixteen: return light ? 0 : 15
        case .full: return light ? 16 : 231
        }
    }

    static func rgb(ansi i: Int) -> UInt32 {
        let p = ansi[max(0, min(15, i))]
        return UInt32(p.0 << 16 | p.1 << 8 | p.2)
    }

    static func luminance(_ rgb: UInt32) -> Double {
        (0.299 * Double(rgb >> 16 & 0xFF) + 0.587 * Double(rgb >> 8 & 0xFF) + 0.114 * Double(rgb & 0xFF)) / 255
    }
}
