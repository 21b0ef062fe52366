import HerdCore

/// Runs the probe on a host. `OneShotProber` starts a process per probe (CLI calls, over ControlMaster);
/// `SessionProber` keeps one agent session per host (the dashboard's rounds). Tests inject fakes.
public protocol HostProber: Sendable {
    /// Probes `host`, giving up after `timeout`. Never throws: failures are outcomes.
    func probe(_ host: Host, timeout: Duration) async -> ProbeOutcome
    /// Closes whatever the prober keeps open.
    func shutdown() async
    /// Closes whatever the prober keeps open for `hosts` (they left the roster or changed target).
    func forget(_ hosts: [Host]) async
}

extension HostProber {
    /// Probers that keep nothing open per host have nothing to forget.
    public func forget(_ hosts: [Host]) async {}
}
