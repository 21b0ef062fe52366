import HerdCore

/// Why a request on a persistent host session failed.
public enum SessionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No answer within the request's timeout; the session was torn down.
    case timeout(Duration)
    /// The ssh process ended; `reason` is the tail of its stderr (e.g. "Connection refused").
    case closed(reason: String)
    /// The session process could not be started.
    case launch(String)

    public var description: String {
        switch self {
        case .timeout(let d): return "no answer within \(d.formattedSeconds)"
        case .closed(let reason): return reason.isEmpty ? "connection closed" : reason
        case .launch(let m): return m
        }
    }
}

extension Duration {
    /// "5s", "1.5s", "250ms".
    public var formattedSeconds: String {
        let ms = milliseconds
        if ms < 1000 { return "\(Int(ms.rounded()))ms" }
        let s = ms / 1000
        return s == s.rounded() ? "\(Int(s))s" : String(format: "%.1fs", s)
    }
}
