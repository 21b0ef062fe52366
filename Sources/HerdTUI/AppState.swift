import Foundation
import HerdCore

/// Everything the dashboard shows, as one value. Keys and engine results change it only through `reduce`.
public struct AppState: Equatable, Sendable {
    /// The pane that has the keyboard.
    public enum Focus: Int, Equatable, Sendable, CaseIterable { case hosts, jobs, log }

    /// How hosts are ordered.
    public enum Sort: String, Equatable, Sendable, CaseIterable { case name, load, ram, disk, gpu, status }

    /// What the keyboard is doing right now.
    public enum Mode: Equatable, Sendable {
        case normal
        case help
        /// Typing into a line: the filter, a command for all hosts, or a placement query.
        case input(InputKind, String)
        /// Waiting for y/n before `effect`.
        case confirm(String, Effect)
    }

    /// What a line of input is for.
    public enum InputKind: String, Equatable, Sendable, CaseIterable { case filter, runOnAll, placement, palette, logSearch }

    public var snapshot: Snapshot?
    public var jobs: [Job] = []
    public var logTitle = "log"
    public var log: [String] = []
    public var placement: [Placement.Candidate] = []
    public var placementQuery = ""
    public var focus: Focus = .hosts
    public var hostIndex = 0
    public var jobIndex = 0
    public var filter = ""
    public var sort: Sort = .name
    public var mode: Mode = .normal
    public var message = ""
    public var now = Date(timeIntervalSince1970: 0)
    /// Hosts that answered in the current snapshot, and all hosts (counted once per snapshot, not per frame).
    public var hostsUp = 0
    public var hostsTotal = 0
    /// The roster as last read from hosts.json (nil until the first `.roster` event): the host table shows
    /// exactly these hosts, with these flags, whatever the snapshot in hand was probed with.
    public var roster: [HerdCore.Host]?
    /// Set while hosts.json cannot be read (the last good roster stays in use); shown in the status line.
    public var rosterWarning = ""
    /// Keyboard and mouse parity (issue 14): the line being edited, prompt histories, sort direction, log view,
    /// the window size the last frame had (for paging and mouse hit-testing).
    public var editor = LineEditor()
    public var history: [InputKind: [String]] = [:]
    public var sortReversed = false
    public var logView = LogView()
    public var window = Rect(x: 0, y: 0, width: 0, height: 0)
    /// Why the `/` filter shows no host (a bad selector, an unknown tag), as one line; empty when it shows some.
    public internal(set) var filterProblem = ""
    /// Host history, trouble pinning and the host detail view (see `HostsView`).
    public var hostsView = HostsView()
    /// The host the user chose (moving the cursor): kept while a filter hides it, selected again when it shows.
    public var selectedHostName: String?
    /// The result of an action (`o` output, clean figures, a failure) shown over the panes until dismissed.
    public var result: ResultView?
    /// When each host not yet answered was first shown waiting (its row says "connecting 4s").
    public var pendingSince: [String: Date] = [:]
    /// Hosts whose probe has come back (up, or reached with an error) in the current snapshot.
    public var hostsAnswered = 0

    public init() {}

    /// The hosts shown: filtered by name, target or tag, then sorted. Kept up to date by `Reducer` whenever the
    /// snapshot, the filter or the sort changes, so a frame does not filter and sort a thousand hosts again.
    public internal(set) var visibleHosts: [HostState] = []

    /// Recomputes `visibleHosts`.
    mutating func refreshVisible() {
        visibleHosts = hostsView.pinTrouble ? Trouble.pinned(computeVisible()) : computeVisible()
        filterProblem = HostFilter(filter).problem(in: (snapshot?.hosts ?? []).map(\.host)) ?? ""
    }

    private func computeVisible() -> [HostState] {
        let all = snapshot?.hosts ?? []
        let shown = HostFilter(filter).apply(all)
        let keys: [Double]
        switch sort {
        case .name: return sortReversed ? shown.reversed() : shown
        case .gpu, .status: keys = shown.map { SortKey.value($0, sort) }
        case .load: keys = shown.map { Plausible.within($0.usage?.load1, Plausible.load) ?? -1 }
        case .ram: keys = shown.map { ratio($0.usage?.memUsed, $0.usage?.memTotal) }
        case .disk: keys = shown.map { ratio($0.usage?.disk?.used, $0.usage?.disk?.total) }
        }
        // Sort indices by precomputed keys (highest first, stable by roster order): no host value is copied per comparison.
        // Reversed: lowest first, still stable by roster order.
        let order = keys.indices.sorted { keys[$0] != keys[$1] ? (keys[$0] > keys[$1]) != sortReversed : $0 < $1 }
        return order.map { shown[$0] }
    }

    /// The selected host, if any.
    public var selectedHost: HostState? { let v = visibleHosts; return v.indices.contains(hostIndex) ? v[hostIndex] : nil }
    /// The selected job, if any.
    public var selectedJob: Job? { jobs.indices.contains(jobIndex) ? jobs[jobIndex] : nil }

    private func ratio(_ a: UInt64?, _ b: UInt64?) -> Double {
        guard let a, let b, b > 0 else { return -1 }
        return Double(a) / Double(b)
    }
}

/// Work the dashboard asks the engine to do; the results come back as events.
public enum Effect: Equatable, Sendable {
    case quit
    case refresh
    case attach(jobID: String)
    case stop(jobID: String)
    case runOnAll(command: String)
    /// A clean of one host, or of every shared host with `clean: true` when `host` is nil.
    case cleanDryRun(host: String?)
    /// The real clean after the dry run, planned for the hosts the dry run measured (re-checked when performed).
    case clean(host: String?, planned: [HerdCore.Host])
    case placement(query: String)
    case followLog(jobID: String)
    /// `:on TARGETS CMD`: a command on these roster hosts (resolved from the selector), output in the log pane.
    case runOn(hosts: [String], command: String)
    /// `:run HOST CMD`: CMD started as a detached job on HOST, as `herd run -d -n HOST -- CMD`.
    case runJob(host: String, command: String)
    /// `:theme NAME`: the colours of the theme NAME from now on.
    case theme(name: String)
}

/// Something that happened: a key, or a result from the engine.
public enum AppEvent: Equatable, Sendable {
    case key(Key)
    case snapshot(Snapshot)
    case jobs([Job])
    case log(title: String, lines: [String])
    case placement(query: String, candidates: [Placement.Candidate])
    case message(String)
    /// The dry run of a clean of `planned` finished: ask before the real one.
    case confirmClean(host: String?, planned: [HerdCore.Host], summary: String)
    /// hosts.json changed and was read again: these hosts are the roster now.
    case roster([HerdCore.Host])
    /// hosts.json changed but cannot be read: the last good roster stays; `reason` says why.
    case rosterUnreadable(String)
    case tick(Date)
    /// The reservation ledger as last read (for the host detail view).
    case reservations([Reservation])
    /// Hosts whose probes just finished (the engine publishes each host as it answers): merged by name.
    case hosts([HostState], at: Date)
    /// An action's result for the result view (stays until dismissed; never overwritten by the log follower).
    case result(title: String, lines: [String])
}

extension AppState {
    /// Takes `snap` as the current snapshot, laid onto the roster when it is known: hosts removed from the roster
    /// drop out, new ones show as pending until probed, and every row carries the roster's current flags. A probe
    /// of a host whose target has changed since is not shown as that host's state.
    mutating func setSnapshot(_ snap: Snapshot) {
        var shown = snap
        if let roster {
            let probed = Dictionary(snap.hosts.map { ($0.host.name, $0) }, uniquingKeysWith: { a, _ in a })
            shown.hosts = roster.map { h in
                guard var s = probed[h.name], s.host.ssh == h.ssh else { return HostState(host: h) }
                s.host = h
                return s
            }
        }
        snapshot = shown
        countHosts()
    }
}
