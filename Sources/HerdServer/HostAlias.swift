import HerdCore

/// `Host` in this module is herd's host (Foundation on Linux has a `Host` class too).
typealias Host = HerdCore.Host
