import Foundation

/// What a finished local process produced.
public struct CommandResult: Sendable, Equatable {
    /// The exit status, or 128+signal when it was killed by a signal.
    public var status: Int32
    public var stdout: Data
    public var stderr: Data
    /// Whether herd killed it because it ran past its timeout.
    public var timedOut: Bool
    /// Wall time from start to exit.
    public var duration: Duration
    /// Bytes of stdout and of stderr past the capture limit (`StreamOptions.captureLimit`), not kept.
    public var stdoutDropped = 0
    public var stderrDropped = 0

    public init(status: Int32, stdout: Data = Data(), stderr: Data = Data(), timedOut: Bool = false, duration: Duration = .zero) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.timedOut = timedOut
        self.duration = duration
    }

    /// Standard output decoded as UTF-8 (invalid bytes replaced).
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    /// Standard error decoded as UTF-8 (invalid bytes replaced).
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}
