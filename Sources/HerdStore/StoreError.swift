import HerdCore

/// Failures of the on-disk state layer, each naming the file.
public enum StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A read, write, lock or rename failed on `path`.
    case io(path: String, message: String)

    public var description: String {
        switch self {
        case .io(let path, let message): return "\(path): \(message)"
        }
    }
}
