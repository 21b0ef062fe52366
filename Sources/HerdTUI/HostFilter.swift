import Foundation
import HerdCore

/// The `/` filter of the host table: the CLI's selector syntax (`@gpu`, `tb[01-08]`, `a,b`, `all`) when the text
/// uses it, else plain text matched against names, ssh targets and tags. Pure and table-tested.
///
/// Unlike `TargetSelector.resolve` a filter shows what it can: dedicated hosts are shown for `@tag` and `all`,
/// and names that are not in the roster are left out. When nothing matches, `problem` says why in one line.
public struct HostFilter: Equatable, Sendable {
    /// How the text is read.
    public enum Kind: Equatable, Sendable {
        case everything
        case text(String)
        case selector([TargetSelector.Term])
        /// Selector syntax that does not parse, with the parser's reason.
        case invalid(String)
    }

    public let kind: Kind

    /// Reads `text` as a filter.
    public init(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty {
            kind = .everything
        } else if t == "all" || t.contains(where: { "@[],".contains($0) }) {
            do { kind = .selector(try TargetSelector.parse(t)) } catch {
                kind = .invalid((error as? HerdError).map { "\($0)" } ?? "\(error)")
            }
        } else {
            kind = .text(t.lowercased())
        }
    }

    /// Whether `host` passes the filter.
    public func matches(_ host: HerdCore.Host) -> Bool {
        switch kind {
        case .everything: return true
        case .invalid: return false
        case .text(let f):
            return host.name.lowercased().contains(f) || host.ssh.lowercased().contains(f) || host.tags.contains { $0.lowercased().contains(f) }
        case .selector(let terms): return terms.contains { Self.term($0, matches: host) }
        }
    }

    /// The hosts of `hosts` that pass, in their order.
    public func apply(_ hosts: [HostState]) -> [HostState] {
        if case .everything = kind { return hosts }
        return hosts.filter { matches($0.host) }
    }

    /// Why the filter shows nothing, as one line (nil when it shows some host or there are no hosts).
    public func problem(in hosts: [HerdCore.Host]) -> String? {
        switch kind {
        case .everything: return nil
        case .invalid(let why): return "bad selector: \(why)"
        case .text(let f): return hosts.isEmpty || hosts.contains(where: matches) ? nil : "no host name, target or tag contains '\(f)'"
        case .selector(let terms):
            guard !hosts.isEmpty, !hosts.contains(where: matches) else { return nil }
            let tags = Array(Set(hosts.flatMap(\.tags))).sorted()
            switch terms.first {
            case .tag(let t)?:
                return "no host has tag '\(t)'" + (Suggestion.closest(to: t, in: tags).map { " (did you mean @\($0)?)" } ?? "")
            case .name(let n)? where terms.count == 1:
                return "no host '\(n)'" + (Suggestion.closest(to: n, in: hosts.map(\.name)).map { " (did you mean \($0)?)" } ?? "")
            default:
                return "no host matches the selector"
            }
        }
    }

    private static func term(_ term: TargetSelector.Term, matches host: HerdCore.Host) -> Bool {
        switch term {
        case .every, .all: return true
        case .tag(let t): return host.tags.contains(t)
        case .name(let n): return host.name == n
        }
    }
}
