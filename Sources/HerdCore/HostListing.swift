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

    /// The whole table for `hosts`.
    public static func table(_ hosts: [Host], defaultHost: String?) -> TextTable {
        TextTable(header: header, rows: hosts.map { row($0, defaultHost: defaultHost) })
    }
}
