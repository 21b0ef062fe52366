import Foundation
import HerdCore

/// Where a `--cached` read's data came from: the daemon's cache (with its age), or a live probe because the daemon
/// could not answer (with the reason).
public enum ReadSource: Sendable, Equatable {
    case daemonCache(ageSeconds: Double)
    case liveFallback(reason: String)

    /// The `source` value of the JSON documents: `daemon-cache` or `live-fallback`.
    public var name: String {
        switch self {
        case .daemonCache: return "daemon-cache"
        case .liveFallback: return "live-fallback"
        }
    }

    /// The one line the table and text forms print on stderr.
    public var line: String {
        switch self {
        case .daemonCache(let age): return "from the daemon's cache, \(Self.seconds(age)) old"
        case .liveFallback(let reason): return "live probe (--cached: \(reason))"
        }
    }

    /// The reason for a fallback: the kind of failure ("no daemon", "daemon timeout", "daemon error") and its detail.
    public static func fallback(_ error: DaemonError) -> ReadSource {
        .liveFallback(reason: error.reason)
    }

    /// "0.4 s", "12 s", "3m05s".
    static func seconds(_ s: Double) -> String {
        guard s.isFinite, s >= 0 else { return "?" }
        if s < 10 { return String(format: "%.1f s", s) }
        if s < 120 { return "\(Int(s.rounded())) s" }
        let whole = Int(min(s, 1e9))
        return String(format: "%dm%02ds", whole / 60, whole % 60)
    }
}

/// A `--json`/`--yaml` document with the keys of a `--cached` read added at the top: `source`, and
/// `age_seconds` (the cache's age) or `source_reason` (why the read went live).
public struct SourcedDocument<Inner: StructuredDocument>: StructuredDocument {
    public var inner: Inner
    public var source: ReadSource

    public init(_ inner: Inner, source: ReadSource) {
        self.inner = inner
        self.source = source
    }

    private enum Keys: String, CodingKey {
        case source
        case ageSeconds = "age_seconds", sourceReason = "source_reason"
    }

    public func encode(to encoder: any Encoder) throws {
        try inner.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(source.name, forKey: .source)
        switch source {
        case .daemonCache(let age): try c.encode((age * 10).rounded() / 10, forKey: .ageSeconds)
        case .liveFallback(let reason): try c.encode(reason, forKey: .sourceReason)
        }
    }
}
