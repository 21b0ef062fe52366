import Foundation

/// The roster columns of `herd ls --fast`: NAME, flag (`[ded]`), TARGET, OS, SUDO, TAGS, DESC.
public enum HostListing {
    /// The column titles; the flag column has an empty title.
    public static let header = ["NAME", "", "TARGET", "OS", "SUDO", "TAGS", "DESC"]

    /// The marker shown for a dedicated host.
    public static func flag(_ host: Host) -> String { host.dedicated ? "[ded]" : "" }

    /// One table row for `host`; `defaultHost` gets a `*` after its name.
    public static func row(_ host: Host, defaultHost: String?) -> [String] {
        [
            host.name + (host.name == defaultHost ? "*" : ""),
            flag(host),
            host.ssh,
            host.os.isEmpty ? "-" : host.os,
            host.sudo ? "yes" : "no",
            host.tags.isEmpty ? "-" : host.tags.joined(separator: ","),
            host.description,
        ]
    }

    /// The live columns of `herd ls`: pool's NAME, flag, TARGET, OS, LOAD, RAM, GPU, DISK, SUDO, DESC, plus AGE.
    public static let liveHeader = ["NAME", "", "TARGET", "OS", "LOAD", "RAM", "GPU", "DISK", "SUDO", "DESC", "AGE"]

    /// One live row for `state` at `now`. A host that is down shows its status in place of the figures.
    public static func liveRow(_ state: HostState, defaultHost: String?, now: Date) -> [String] {
        let h = state.host
        let u = state.status.isUp ? state.usage : nil
        let os = state.usage?.os ?? (h.os.isEmpty ? "-" : h.os)
        let age: String
        switch state.status {
        case .unreachable: age = "down" + (state.lastSeen.map { _ in " " + UsageFormat.age(state.age(at: now)) } ?? "")
        case .error: age = "error"
        case .pending: age = "-"
        default: age = UsageFormat.age(state.age(at: now))
        }
        return [
            h.name + (h.name == defaultHost ? "*" : ""), flag(h), h.ssh, os,
            UsageFormat.load(u?.load1),
            UsageFormat.usedOfTotal(u?.memUsed, u?.memTotal),
            UsageFormat.gpu(u),
            UsageFormat.usedOfTotal(u?.disk?.used, u?.disk?.total),
            h.sudo ? "yes" : "no", h.description, age + (state.status == .partial ? " (partial)" : ""),
        ]
    }

    /// The whole table for `hosts`.
    public static func table(_ hosts: [Host], defaultHost: String?) -> TextTable {
        TextTable(header: header, rows: hosts.map { row($0, defaultHost: defaultHost) })
    }
}
