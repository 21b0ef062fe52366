import HerdCore

typealias Host = HerdCore.Host
