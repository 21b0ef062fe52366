import Foundation

/// Why the daemon's cache gave no snapshot, in one line (the `live-fallback` reason).
struct CacheUnavailable: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
