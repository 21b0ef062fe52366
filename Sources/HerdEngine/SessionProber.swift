import HerdCore
import HerdRemote

/// Probes over one persistent agent session per host (`ssh -T host agent serve`), so a warm probe is a
/// single round trip on an open connection (~2 ms) instead of a process start.
public actor SessionProber: HostProber {
    public let options: SSHOptions
    public let ssh: String
    private var sessions: [String: HostSession] = [:]

    public init(options: SSHOptions, ssh: String = Executable.find("ssh") ?? "/usr/bin/ssh") {
        self.options = options
        self.ssh = ssh
    }

    public func probe(_ host: Host, timeout: Duration) async -> ProbeOutcome {
        let session = self.session(for: host)
        let clock = ContinuousClock()
        let start = clock.now
        // A session still being set up (key exchange on a loaded machine can take seconds) gets ssh's own connect
        // time on top: the row shows "connecting" meanwhile, instead of the session being killed and restarted
        // at every timeout and never coming up. A dead or frozen host still ends at ssh's ConnectTimeout.
        let limit = await session.hasAnswered ? timeout : timeout + .seconds(options.connectTimeout)
        do {
            let lines = try await session.request("probe", timeout: limit)
            return .answeredLines(lines, latency: clock.now - start)
        } catch let e as SessionError {
            switch e {
            case .timeout: return .unreachable(e.description)
            case .launch(let m): return .failed(m)
            case .closed(let reason):
                if host.isLocal { return .failed("local agent ended: \(reason)") }
                return .sshFailure(status: 255, stderr: reason)
            }
        } catch {
            return .failed("\(error)")
        }
    }

    /// Sends `verb` (with its arguments) on `host`'s session, starting the session when none runs, and returns
    /// the answer's lines. Probes and job questions share the one session (`JobWatcher`).
    public func request(_ host: Host, _ verb: String, timeout: Duration) async throws -> [String] {
        try await session(for: host).request(verb, timeout: timeout)
    }

    /// Stops every session.
    public func shutdown() async {
        for s in sessions.values { await s.stop() }
        sessions = [:]
    }

    /// Stops the sessions of `hosts`.
    public func forget(_ hosts: [Host]) async {
        for h in hosts {
            if let s = sessions.removeValue(forKey: "\(h.name)\u{0}\(h.ssh)") { await s.stop() }
        }
    }

    private func session(for host: Host) -> HostSession {
        let key = "\(host.name)\u{0}\(host.ssh)"
        if let s = sessions[key] { return s }
        let (exe, args) = ProbeCommand.session(host, options: options, ssh: ssh)
        let s = HostSession(executable: exe, arguments: args)
        sessions[key] = s
        return s
    }
}
