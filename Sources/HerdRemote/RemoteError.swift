/// Failures of running ssh or other local helper programs.
public enum RemoteError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The program could not be started at all.
    case launch(executable: String, message: String)

    public var description: String {
        switch self {
        case .launch(let exe, let message): return "cannot run \(exe): \(message)"
        }
    }
}
