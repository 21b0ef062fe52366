/// Errors herd reports to the user as one line, each with its exit code (2 bad input, 1 remote failure).
public enum HerdError: Error, Equatable, CustomStringConvertible, Sendable {
    /// An argument, name or value the user gave is not acceptable.
    case invalidInput(String)
    /// A file herd reads is unreadable or malformed; `file` is its path.
    case badFile(file: String, message: String)
    /// A host named in a command is not in the roster.
    case unknownHost(String, suggestion: String?)
    /// Something on a remote host failed.
    case remote(String)
    /// What was asked for is not there (a job's output log on its host).
    case notFound(String)

    public var description: String {
        switch self {
        case .invalidInput(let m): return m
        case .badFile(let file, let m): return "\(file): \(m)"
        case .unknownHost(let name, let suggestion):
            if let s = suggestion { return "unknown host '\(name)' (did you mean \(s)?)" }
            return "unknown host '\(name)'"
        case .remote(let m): return m
        case .notFound(let m): return m
        }
    }

    /// The process exit code for this error: 1 for remote failures, 2 for bad input.
    public var exitCode: Int32 {
        switch self {
        case .remote: return 1
        default: return 2
        }
    }
}
