import CNcurses
#if canImport(Glibc)
import Glibc
#endif

/// Facts about the controlling terminal; the only module that talks to ncurses.
public enum Terminal {
    /// Whether both stdin and stdout are terminals, so a full-screen dashboard can run.
    public static var isInteractive: Bool { isatty(0) == 1 && isatty(1) == 1 }

    /// The ncurses library version string, e.g. "ncurses 6.4.20221231".
    public static var cursesVersion: String { String(cString: curses_version()) }

    /// Why `$TERM` cannot run the dashboard, as one line with a hint, or nil when it can: it must be set, have a
    /// terminfo entry, and have cursor addressing (`cup`; `dumb` has none). The check reads the process's own
    /// `$TERM` through terminfo (`term` is that value, for the message) and writes nothing to the terminal, so a
    /// refusal leaves it as it was.
    public static func dashboardProblem(term: String?) -> String? {
        let hint = "use `herd ls`, or set TERM=xterm-256color"
        guard let term, !term.isEmpty else { return "TERM is not set, so the dashboard cannot run; \(hint)" }
        let shown = String(term.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) }.prefix(40))
        switch herd_term_check() {
        case 1: return nil
        case 0: return "the terminal '\(shown)' cannot run the dashboard (needs cursor addressing); \(hint)"
        case -1: return "the terminal type '\(shown)' is unknown here (no terminfo entry), so the dashboard cannot run; \(hint)"
        default: return "no terminfo database found for '\(shown)', so the dashboard cannot run; \(hint)"
        }
    }
}
