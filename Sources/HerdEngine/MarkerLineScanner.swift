import Foundation

/// Finds a line that is exactly `marker` in a byte stream fed in chunks split anywhere, in one pass and
/// constant memory (the timeout marker on stderr, whatever the command printed before it). Thread-safe.
final class MarkerLineScanner: @unchecked Sendable {
    private let marker: [UInt8]
    private let lock = NSLock()
    // Bytes of the marker matched so far on the current line; -1 once the line cannot be the marker.
    private var matched = 0
    private var seen = false

    init(_ marker: String) {
        self.marker = Array(marker.utf8)
    }

    /// Whether a whole line equal to the marker went by.
    var found: Bool {
        lock.lock()
        defer { lock.unlock() }
        return seen
    }

    func feed(_ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        for b in data {
            if b == 0x0A {
                if matched == marker.count { seen = true }
                matched = 0
            } else if matched >= 0 && matched < marker.count && marker[matched] == b {
                matched += 1
            } else {
                matched = -1
            }
        }
    }
}
