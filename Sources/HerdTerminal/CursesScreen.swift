import CNcurses
import Foundation
import HerdTUI
#if canImport(Glibc)
import Glibc
#endif

/// The terminal: ncurses set up on stdin/stdout, frames flushed as the cells that changed since the last one,
/// keys read with a short timeout, and the terminal handed to child programs (attach) and back.
/// Only this type talks to ncurses.
@MainActor
public final class CursesScreen {
    private var previous: CellBuffer?
    private var pairs: [Int: Int32] = [:]
    /// Colour pair per (foreground role, background role), so a frame maps each pair of roles once.
    private var rolePairs: [RolePair: Int] = [:]
    private struct RolePair: Hashable {
        let fg: ColorRole
        let bg: ColorRole
    }
    private let colors: Bool
    /// Theme roles to this terminal's colours (8, 16 or 256), background painted, never fg on its own bg.
    private var palette: TerminalPalette
    private var open = true
    /// Set when the window was resized: the next frame must be drawn in full.
    public private(set) var resized = false

    /// Failures setting up the terminal.
    public struct SetupError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Takes over the terminal. Throws when stdin/stdout are not a terminal or TERM is unknown.
    public init(theme: Theme, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard Terminal.isInteractive else { throw SetupError(description: "not a terminal") }
        if let problem = Terminal.dashboardProblem(term: environment["TERM"]) { throw SetupError(description: problem) }
        setlocale(LC_ALL, "")
        if !String(cString: herd_codeset()).uppercased().contains("UTF-8") { setlocale(LC_CTYPE, "C.UTF-8") }
        guard herd_newterm() != nil else { throw SetupError(description: "unknown terminal type '\(environment["TERM"] ?? "")'") }
        raw()
        noecho()
        keypad(herd_stdscr(), true)
        curs_set(0)
        herd_timeout(50)
        // Esc closes a prompt or the help at once instead of after ncurses' default second; 25 ms still
        // keeps an arrow key's sequence together on a local or LAN terminal.
        _ = herd_set_escdelay(25)
        // Clicks and the wheel come as KEY_MOUSE (see `mouseKey`).
        herd_mouse_on()
        herd_define_keys()
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        colors = !noColor && has_colors()
        if colors {
            start_color()
            use_default_colors()
        }
        palette = TerminalPalette(theme: theme, colors: colors ? Int(herd_colors()) : 8)
    }

    /// The window size (columns, rows).
    public var size: (width: Int, height: Int) {
        var y: Int32 = 0, x: Int32 = 0
        herd_getmaxyx(herd_stdscr(), &y, &x)
        return (Int(x), Int(y))
    }

    /// Draws `frame`, writing only the cells that changed; writes nothing when nothing changed.
    /// Returns the number of cells written.
    @discardableResult
    public func draw(_ frame: CellBuffer) -> Int {
        let runs = frame.changes(since: previous)
        guard !runs.isEmpty else { return 0 }
        var written = 0
        for run in runs {
            var i = 0
            while i < run.cells.count {
                let style = run.cells[i].style
                var j = i
                var text = ""
                while j < run.cells.count, run.cells[j].style == style {
                    // A wide character's right half: ncurses moves two columns for the character itself.
                    if !run.cells[j].isContinuation { text.append(run.cells[j].char) }
                    j += 1
                }
                // The last cell of the screen is drawn too (else a character from a larger window stays there after
                // a shrink): ncurses stores it without scrolling (stdscr does not scroll) and puts it on the terminal
                // with its insert trick; the add reports ERR for the cursor it cannot advance, which is expected.
                let bytes = Array(text.utf8)
                bytes.withUnsafeBufferPointer { p in
                    p.withMemoryRebound(to: CChar.self) { c in
                        _ = herd_draw(Int32(run.y), Int32(run.x + i), c.baseAddress, Int32(bytes.count), attributes(style), Int32(pair(style)))
                    }
                }
                written += j - i
                i = j
            }
        }
        wrefresh(herd_stdscr())
        previous = frame
        resized = false
        return written
    }

    /// The next key, or nil after the read timeout (50 ms). A resize comes back as nil after the next frame is full.
    public func readKey() -> Key? {
        let c = herd_getch()
        if c == herd_err() { return nil }
        if c == herd_key_resize() {
            previous = nil
            resized = true
            return nil
        }
        if c == herd_key_mouse() { return mouseKey() }
        if c == herd_key_btab() { return .backTab }
        if c == herd_key_dc() { return .delete }
        switch c {
        case 258: return .down
        case 259: return .up
        case 260: return .left
        case 261: return .right
        case 262, 362: return .home  // KEY_HOME, KEY_FIND (what vt220-style terminfo calls ESC [1~)
        case 360, 385: return .end  // KEY_END, KEY_SELECT (ESC [4~)
        case 338: return .pageDown
        case 339: return .pageUp
        case 263, 127, 8: return .backspace
        case 9: return .tab
        case 10, 13, 343: return .enter
        case 27: return .escape
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(c) + 96)))
        default:
            if c >= 32 && c < 127 { return .char(Character(Unicode.Scalar(UInt8(c)))) }
            if c >= 0xC0 && c < 0xF8 { return utf8Key(first: c) }
            return nil
        }
    }

    /// Draws with `theme` from the next frame on (`:theme NAME`): colour pairs are made again, the frame in full.
    public func setTheme(_ theme: Theme) {
        palette = TerminalPalette(theme: theme, colors: colors ? Int(herd_colors()) : 8)
        rolePairs = [:]
        previous = nil
    }

    /// The pending mouse event as a key: a left click or a wheel step at a cell; nil for anything else.
    private func mouseKey() -> Key? {
        var x: Int32 = 0, y: Int32 = 0
        switch herd_getmouse(&x, &y) {
        case 1: return .mouse(MouseEvent(.click, x: Int(x), y: Int(y)))
        case 2: return .mouse(MouseEvent(.wheelUp, x: Int(x), y: Int(y)))
        case 3: return .mouse(MouseEvent(.wheelDown, x: Int(x), y: Int(y)))
        default: return nil
        }
    }

    /// Gives the terminal to a child (attach): curses off until `resume`.
    public func suspend() {
        def_prog_mode()
        endwin()
    }

    /// Takes the terminal back after `suspend` and redraws everything.
    public func resume() {
        reset_prog_mode()
        previous = nil
        wrefresh(herd_stdscr())
    }

    /// Restores the terminal. Safe to call more than once.
    public func close() {
        guard open else { return }
        open = false
        endwin()
    }

    private func utf8Key(first: Int32) -> Key? {
        var bytes = [UInt8(first)]
        let need = first >= 0xF0 ? 3 : first >= 0xE0 ? 2 : 1
        for _ in 0..<need {
            let c = herd_getch()
            guard c >= 0x80, c < 0xC0 else { return nil }
            bytes.append(UInt8(c))
        }
        return String(bytes: bytes, encoding: .utf8).flatMap(\.first).map { .char($0) }
    }

    private func attributes(_ s: Style) -> attr_t {
        var a = herd_a_normal()
        if s.bold { a |= herd_a_bold() }
        if s.dim { a |= herd_a_dim() }
        if s.reverse || (!colors && s.bg == .selected) { a |= herd_a_reverse() }
        return a
    }

    private func pair(_ s: Style) -> Int {
        guard colors else { return 0 }
        let roles = RolePair(fg: s.fg, bg: s.bg)
        if let p = rolePairs[roles] { return p }
        let (fg, bg) = palette.colors(s)
        let key = (fg + 1) * 1000 + (bg + 1)
        if let p = pairs[key] {
            rolePairs[roles] = Int(p)
            return Int(p)
        }
        let n = Int32(pairs.count + 1)
        guard n < herd_color_pairs() else { return 0 }
        init_pair(Int16(n), Int16(fg), Int16(bg))
        pairs[key] = n
        rolePairs[roles] = Int(n)
        return Int(n)
    }
}
