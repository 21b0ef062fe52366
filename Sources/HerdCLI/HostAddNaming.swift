import HerdCore

/// `herd host add`'s name defaulting (p's way: TARGET alone names the host after its host part) and its first
/// default (the first host added becomes the default when none is set).
enum HostAddNaming {
    /// NAME and TARGET from the one or two arguments given: `(NAME, TARGET)` as they are, or for TARGET alone
    /// the host part of it (`user@gpu1.lab:2222` → `gpu1.lab`) as the name.
    static func resolve(first: String, second: String?) throws -> (name: String, target: String) {
        if let second { return (first, second) }
        let host = try SSHTarget(parsing: first).host
        guard HostName.isValid(host) else {
            throw HerdError.invalidInput("'\(first)': its host part '\(TerminalText.line(host))' is not a usable host name; "
                + "give one: herd host add NAME \(first)")
        }
        return (host, first)
    }
}
