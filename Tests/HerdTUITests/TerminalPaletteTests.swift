import Foundation
import HerdCore
import HerdTUI
import Testing

/// Every shipped theme on 8, 16 and 256 colours: the theme's background is painted, rows meant to stand out keep
/// a background of their own, and no text is drawn in its own background's colour.
@Suite struct TerminalPaletteTests {
    static func themes() throws -> [(String, Theme)] {
        try [("built-in", Theme.standard)] + shippedThemeFiles.keys.sorted().map { ($0, try Theme.parse(shippedThemeFiles[$0] ?? "")) }
    }

    /// Frames that use every style the dashboard has: tables, a selected row, a prompt, help, a result with a question.
    static func frames() -> [CellBuffer] {
        var s = PaneTests.state(hosts: 6, jobs: 3)
        s = Reducer.reduce(s, .log(title: "log", lines: ["one", "two"])).0
        var frames = [Dashboard.render(s, width: 120, height: 30)]
        frames.append(Dashboard.render(Reducer.reduce(s, .key(.char("?"))).0, width: 120, height: 30))
        frames.append(Dashboard.render(Reducer.reduce(s, .key(.char("/"))).0, width: 120, height: 30))
        let asked = Reducer.reduce(Reducer.reduce(s, .result(title: "clean (dry run)", lines: ["── tb01", "x"])).0,
                                   .confirmClean(host: nil, planned: [], summary: "would free 1G")).0
        frames.append(Dashboard.render(asked, width: 120, height: 30))
        return frames
    }

    @Test(arguments: TerminalPalette.Depth.allCases)
    func noTextIsDrawnInItsBackgroundsColour(_ depth: TerminalPalette.Depth) throws {
        let frames = Self.frames()
        for (name, theme) in try Self.themes() {
            let palette = TerminalPalette(theme: theme, colors: depth.rawValue)
            var checked = Set<Style>()
            for frame in frames {
                for cell in frame.cells where cell.char != " " && checked.insert(cell.style).inserted {
                    let c = palette.colors(cell.style)
                    #expect(c.fg != c.bg, "\(name) on \(depth.rawValue) colours: \(cell.style.fg.rawValue) on \(cell.style.bg.rawValue) → \(c)")
                    if depth != .full {
                        let gap = abs(Self.luminance(c.fg) - Self.luminance(c.bg))
                        #expect(gap >= 0.2, "\(name) on \(depth.rawValue): \(cell.style.fg.rawValue) on \(cell.style.bg.rawValue) → \(c), too close")
                    }
                }
            }
            #expect(checked.count > 10, "the frames use many styles")
            let main = palette.colors(.plain).bg
            for role in [ColorRole.selected, .statusBar] {
                #expect(palette.colors(Style(bg: role)).bg != main, "\(name) on \(depth.rawValue): \(role.rawValue) stands out from the background")
            }
        }
    }

    /// Luminance (0…1) of ANSI colour `i` as xterm draws it.
    static func luminance(_ i: Int) -> Double {
        let p: [(Double, Double, Double)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        let c = p[i]
        return (0.299 * c.0 + 0.587 * c.1 + 0.114 * c.2) / 255
    }

    @Test func eightColoursKeepTheThemesHues() {
        let p = TerminalPalette(theme: .standard, colors: 8)
        #expect(p.colors(Style(fg: .hostUp)).fg == 2 && p.colors(Style(fg: .hostDown)).fg == 1 && p.colors(Style(fg: .hostPartial)).fg == 3)
        #expect(p.colors(Style(fg: .title)).fg == 6, "the pastel title stays cyan instead of turning white")
        #expect(p.colors(Style(fg: .selectedText, bg: .selected)) == (fg: 7, bg: 4), "the selection bar is blue")
    }

    @Test func theThemesBackgroundIsPaintedNotLeftToTheTerminal() throws {
        let light = try Theme.parse(shippedThemeFiles["light"] ?? "")
        // Light: white paper, dark ink, on a terminal of any depth.
        #expect(TerminalPalette(theme: light, colors: 8).colors(.plain) == (fg: 0, bg: 7))
        #expect(TerminalPalette(theme: light, colors: 256).colors(.plain).bg == Theme.xterm256(0xFAFAFA))
        // Dark: black paper, light ink.
        #expect(TerminalPalette(theme: .standard, colors: 8).colors(.plain) == (fg: 7, bg: 0))
        // The dark theme's dim grey is nearest to black on 8 colours' reckoning of its border: it is lifted off the
        // black background instead of vanishing.
        let border = TerminalPalette(theme: .standard, colors: 8).colors(Style(fg: .border))
        #expect(border.fg != border.bg)
        // A 16-colour theme stays on the 16 colours on a 256-colour terminal.
        let sixteen = try Theme.parse(shippedThemeFiles["16color"] ?? "")
        #expect(TerminalPalette(theme: sixteen, colors: 256).depth == .sixteen)
    }
}
