import Foundation

/// Why a call to the daemon gave no usable answer, as one line. `isAbsent` tells "no daemon" (nothing listens)
/// from a daemon that is there but failed, so callers can word their fallback.
public enum DaemonError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No socket file, or nothing accepts on it (a daemon killed with -9 leaves its file behind).
    case notRunning(String)
    /// The daemon did not connect, answer or finish answering within the bound.
    case timeout(String)
    /// The answer grew past the size bound.
    case tooLarge(limit: Int)
    /// The bytes were not an HTTP/1.1 response herd understands.
    case badResponse(String)
    /// The daemon answered with an error status (its one-line message).
    case status(code: Int, message: String)
    /// The body was not the JSON document expected.
    case badJSON(String)
    /// A socket call failed in a way not listed above.
    case io(String)

    /// Whether no daemon is running (as opposed to one that failed or was slow).
    public var isAbsent: Bool {
        if case .notRunning = self { return true }
        return false
    }

    /// The kind of failure in two or three words: "no daemon", "daemon timeout", "daemon error".
    public var kind: String {
        switch self {
        case .notRunning: return "no daemon"
        case .timeout: return "daemon timeout"
        default: return "daemon error"
        }
    }

    /// The kind and the detail as one line (`no daemon: no daemon running (no socket at …)`): the reason a
    /// fallback gives.
    public var reason: String { kind + ": " + description }

    public var description: String {
        switch self {
        case .notRunning(let why): return why
        case .timeout(let why): return why
        case .tooLarge(let limit): return "the daemon's answer is larger than \(limit) bytes"
        case .badResponse(let why): return "bad HTTP answer from the daemon: \(why)"
        case .status(let code, let message): return "the daemon answered \(code): \(message)"
        case .badJSON(let why): return "bad JSON from the daemon: \(why)"
        case .io(let why): return why
        }
    }
}
