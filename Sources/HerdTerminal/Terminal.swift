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
}
