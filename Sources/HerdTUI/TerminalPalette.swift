/// Maps a style's colour roles to the colours a terminal has: 256 (the xterm cube), 16 or 8 ANSI colours (by hue).
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
        if depth == .full {
            if fg == bg { fg = contrast(to: theme.rgb(style.bg)) }
        } else if fg == bg || abs(Self.luminance(Self.rgb(ansi: fg)) - Self.luminance(Self.rgb(ansi: bg))) < 0.2 {
            // On 8 and 16 colours, text too close to its background (black on blue, yellow on white) turns black or white.
            fg = contrast(to: Self.rgb(ansi: bg))
        }
        return (fg, bg)
    }

    /// The colour for `rgb`, other than `avoiding` when given. On 256 colours the nearest of the xterm cube; on 8
    /// and 16 by hue, so that a theme's pastels keep their colour instead of all turning white: greys and very dark
    /// colours go to black, grey or white, the rest to the ANSI colour of their hue (bright ones to the bright half
    /// on 16 colours).
    func index(_ rgb: UInt32, avoiding: Int?) -> Int {
        if depth == .full {
            let i = Theme.xterm256(rgb)
            guard let avoiding, i == avoiding else { return i }
            return Self.luminance(rgb) > 0.5 ? i - 1 : i + 1
        }
        let (h, s, v) = Self.hsv(rgb)
        let hue = [1, 3, 2, 6, 4, 5][Int(((h + 30).truncatingRemainder(dividingBy: 360)) / 60) % 6]
        let grey: Int
        if depth == .eight { grey = v >= 0.5 ? 7 : 0 } else { grey = v < 0.3 ? 0 : v < 0.6 ? 8 : v < 0.85 ? 7 : 15 }
        let coloured = depth == .sixteen && v > 0.8 && s > 0.5 ? hue + 8 : hue
        let first = s < 0.25 || v < 0.3 ? grey : coloured
        guard let avoiding, first == avoiding else { return first }
        // A background meant to stand out that fell on the main one: its hue, else the other end of the greys.
        if first != hue, hue != avoiding, s > 0.05 { return hue }
        return Self.luminance(Self.rgb(ansi: avoiding)) > 0.5 ? 0 : 7
    }

    /// Hue (degrees), saturation and value (0…1) of `rgb`.
    static func hsv(_ rgb: UInt32) -> (Double, Double, Double) {
        let r = Double(rgb >> 16 & 0xFF) / 255, g = Double(rgb >> 8 & 0xFF) / 255, b = Double(rgb & 0xFF) / 255
        let mx = max(r, g, b), mn = min(r, g, b), d = mx - mn
        var h = 0.0
        if d > 0 {
            if mx == r { h = 60 * ((g - b) / d).truncatingRemainder(dividingBy: 6) }
            else if mx == g { h = 60 * ((b - r) / d + 2) }
            else { h = 60 * ((r - g) / d + 4) }
        }
        if h < 0 { h += 360 }
        return (h, mx == 0 ? 0 : d / mx, mx)
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
