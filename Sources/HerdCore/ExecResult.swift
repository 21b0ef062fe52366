/// What one host did with a command run by `herd on` (or another fan-out).
public struct ExecResult: Sendable, Equatable {
    public var host: String
    /// The remote exit status (255: ssh could not connect or the remote end died), nil when herd gave up.
    public var status: Int32?
    /// Whether the command ran past its timeout (killed remotely, or the local ssh killed).
    public var timedOut: Bool
    public var stdout: String
    public var stderr: String
    /// Milliseconds from start to finish.
    public var durationMs: Double

    public init(host: String, status: Int32?, timedOut: Bool, stdout: String, stderr: String, durationMs: Double) {
        self.host = host
        self.status = status
        self.timedOut = timedOut
        self.stdout = stdout
        self.stderr = stderr
        self.durationMs = durationMs
    }

    /// Exited 0 in time.
    public var succeeded: Bool { status == 0 && !timedOut }
}

/// The outcome of a fan-out over many hosts: counts and the hosts that failed or timed out.
public struct ExecSummary: Sendable, Equatable {
    public var ok: [String]
    public var failed: [(host: String, status: Int32?)]
    public var timedOut: [String]

    public init(_ results: [ExecResult]) {
        ok = results.filter(\.succeeded).map(\.host)
        failed = results.filter { !$0.succeeded && !$0.timedOut }.map { ($0.host, $0.status) }
        timedOut = results.filter(\.timedOut).map(\.host)
    }

    public static func == (a: ExecSummary, b: ExecSummary) -> Bool {
        a.ok == b.ok && a.timedOut == b.timedOut && a.failed.map(\.host) == b.failed.map(\.host) && a.failed.map(\.status) == b.failed.map(\.status)
    }

    /// One line: "32 hosts: 30 ok, 1 failed (tb04 exit 2), 1 timed out (tb09)".
    public var line: String {
        let total = ok.count + failed.count + timedOut.count
        var parts = ["\(ok.count) ok"]
        if !failed.isEmpty {
            let detail = failed.map { "\($0.host) exit \($0.status.map(String.init) ?? "?")" }.joined(separator: ", ")
            parts.append("\(failed.count) failed (\(detail))")
        }
        if !timedOut.isEmpty { parts.append("\(timedOut.count) timed out (\(HostRange.fold(timedOut)))") }
        return "\(total) host\(total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }

    /// Whether every host exited 0 in time.
    public var allSucceeded: Bool { failed.isEmpty && timedOut.isEmpty }
}

/// Groups results whose output is identical (clush -b): each group's hosts folded into a range.
public enum OutputGrouping {
    /// One block of identical output.
    public struct Group: Sendable, Equatable {
        public var hosts: [String]
        public var output: String
        public var header: String { "\(HostRange.fold(hosts)) (\(hosts.count))" }
    }

    /// Groups by stdout followed by stderr; groups ordered by their first host.
    public static func group(_ results: [ExecResult]) -> [Group] {
        var groups: [Group] = []
        var index: [String: Int] = [:]
        for r in results {
            let output = r.stdout + r.stderr
            if let i = index[output] {
                groups[i].hosts.append(r.host)
            } else {
                index[output] = groups.count
                groups.append(Group(hosts: [r.host], output: output))
            }
        }
        return groups
    }
}
