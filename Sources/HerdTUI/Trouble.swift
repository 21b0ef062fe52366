import Foundation
import HerdCore

/// What is wrong with a host, said loud and short: "down 3m · refused · retry 12s", "partial · df: timed out
/// after 3s". Also the order that pins troubled hosts at the top of the table.
public enum Trouble {
    /// How bad a host's state is, for pinning: down or in error first, then partial, then a figure at `high`.
    /// nil when the host is fine (or not probed yet).
    public static func rank(_ s: HostState) -> Int? {
        switch s.status {
        case .unreachable, .error: return 0
        case .partial: return 1
        case .complete: return Severity.worst(s.usage).level == .high ? 2 : nil
        case .pending: return nil
        }
    }

    /// `hosts` with the troubled ones first (worst first), each group keeping its order.
    public static func pinned(_ hosts: [HostState]) -> [HostState] {
        var groups: [[HostState]] = [[], [], [], []]
        for h in hosts { groups[rank(h) ?? 3].append(h) }
        return groups.flatMap { $0 }
    }

    /// The status cell of a host that is not simply up: "down 3m · refused · retry 12s", "error · auth",
    /// "partial · df: timed out after 3s"; nil for a complete or pending host.
    /// `since` is when the dashboard first saw the trouble, used when the host never answered.
    public static func text(_ s: HostState, now: Date, since: Date? = nil) -> String? {
        let word: String
        switch s.status {
        case .unreachable: word = "down"
        case .error: word = "error"
        case .partial: return (["partial"] + s.reasons.prefix(1).map(oneLine)).joined(separator: " · ")
        case .complete, .pending: return nil
        }
        var parts = [word]
        if let start = s.lastSeen ?? since { parts[0] += " " + UsageFormat.age(max(0, now.timeIntervalSince(start))) }
        if let r = s.reasons.first { parts.append(short(r)) }
        if let at = s.retryAt {
            let wait = at.timeIntervalSince(now)
            parts.append(wait > 0.5 ? "retry \(UsageFormat.age(wait))" : "retrying")
        }
        return parts.joined(separator: " · ")
    }

    /// A failure reason in a word or two where ssh's wording is known ("refused", "timeout", "auth"); otherwise
    /// its first line.
    public static func short(_ reason: String) -> String {
        let known: [(String, String)] = [
            ("Connection refused", "refused"), ("timed out", "timeout"), ("no answer", "timeout"), ("Connection reset", "reset"),
            ("Connection closed", "closed"), ("No route to host", "no route"), ("Network is unreachable", "no network"),
            ("Permission denied", "auth"), ("Host key verification failed", "host key"),
            ("REMOTE HOST IDENTIFICATION HAS CHANGED", "host key changed"), ("Could not resolve hostname", "dns"),
        ]
        let lower = reason.lowercased()
        if let k = known.first(where: { lower.contains($0.0.lowercased()) }) { return k.1 }
        return oneLine(reason)
    }

    private static func oneLine(_ s: String) -> String {
        String((s.split(whereSeparator: \.isNewline).first.map(String.init) ?? s).prefix(120))
    }
}
