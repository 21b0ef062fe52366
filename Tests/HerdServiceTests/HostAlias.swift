import HerdCore

/// herd's host, not Foundation's `Host` (which Foundation also exports).
typealias Host = HerdCore.Host
