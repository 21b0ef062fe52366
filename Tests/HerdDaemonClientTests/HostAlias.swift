import HerdCore

/// herd's host, not Foundation's `Host`.
typealias Host = HerdCore.Host
