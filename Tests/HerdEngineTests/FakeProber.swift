import Foundation
import HerdCore
import HerdEngine

/// A prober that answers from a script per host name: a fixed outcome, a delay, or a hang.
actor FakeProber: HostProber {
    enum Behaviour: Sendable {
        case answer(String)
        case unreachable(String)
        case hang
        case delay(Duration, String)
    }

    private var behaviour: [String: Behaviour]
    private(set) var calls: [String] = []
    private(set) var maxInFlight = 0
    private var inFlight = 0

    init(_ behaviour: [String: Behaviour]) { self.behaviour = behaviour }

    func set(_ name: String, _ b: Behaviour) { behaviour[name] = b }

    nonisolated func probe(_ host: Host, timeout: Duration) async -> ProbeOutcome {
        let b = await begin(host.name)
        defer { Task { await self.end() } }
        switch b {
        case .answer(let text): return .answered(text, latency: .milliseconds(2))
        case .unreachable(let r): return .unreachable(r)
        case .delay(let d, let text):
            try? await Task.sleep(for: d)
            return .answered(text, latency: d)
        case .hang:
            // A hung host: the prober's own timeout is what ends it.
            try? await Task.sleep(for: timeout)
            return .unreachable("no answer within \(timeout)")
        }
    }

    func shutdown() async {}

    private func begin(_ name: String) -> Behaviour {
        calls.append(name)
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
        return behaviour[name] ?? .unreachable("no script for \(name)")
    }

    private func end() { inFlight -= 1 }
}

let goodProbe = """
@@uname
Linux 6.1.0 x86_64
@@nproc
8
@@loadavg
1.50 1.00 0.50 1/100 42
@@meminfo
MemTotal: 16000000 kB
MemAvailable: 12000000 kB
@@df
Filesystem 1024-blocks Used Available Capacity Mounted on
/dev/sda1 1000000 250000 750000 25% /
@@end

"""
