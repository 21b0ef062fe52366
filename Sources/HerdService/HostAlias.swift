import HerdCore

/// herd's host, not Foundation's `Host` (which Foundation also exports).
public typealias Host = HerdCore.Host
