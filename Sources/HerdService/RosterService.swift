import HerdCore
import HerdRemote
import HerdStore

/// The roster as the use cases see it: the hosts of hosts.json (or the implicit `local` host when it is empty),
/// chosen by a selector (`tb[01-04]`, `@gpu`, `all`, `a,b`) or by name.
public struct RosterService: Sendable {
    public let context: ServiceContext

    public init(context: ServiceContext) { self.context = context }

    /// The roster and the hosts commands act on: the roster's hosts, or `local` when it is empty.
    public func effectiveHosts() throws -> (Roster, [Host]) {
        let r = try context.roster.load()
        return (r, r.effectiveHosts(localOS: LocalSystem.osName))
    }

    /// The hosts `selector` names (every host when nil), less `exclude`. An unknown name is a one-line error.
    public func hosts(selector: String?, exclude: [String] = []) throws -> [Host] {
        let (_, all) = try effectiveHosts()
        return try Self.select(selector, exclude: exclude, in: all)
    }

    /// The one host called `name`.
    public func host(named name: String) throws -> Host {
        try TargetSelector.single(name, in: try effectiveHosts().1)
    }

    /// The hosts `selector` names in `all` (every host when nil), less `exclude`.
    public static func select(_ selector: String?, exclude: [String] = [], in all: [Host]) throws -> [Host] {
        let s = try selector.map { try TargetSelector($0, exclude: exclude) } ?? TargetSelector.every(exclude: exclude)
        return try s.resolve(in: all)
    }
}
