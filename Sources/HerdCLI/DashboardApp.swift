import Foundation
import Synchronization
import HerdCore
import HerdDaemonClient
import HerdEngine
import HerdRemote
import HerdService
import HerdStore
import HerdTUI
import HerdTerminal

/// The dashboard: the refresh engine's snapshots, the job list and the selected job's log flow in as events;
/// keys go through `Reducer`; effects run as tasks whose results come back as events.
@MainActor
final class DashboardApp {
    private let context: CLIContext
    /// The roster as last read: reloaded when hosts.json changes, re-read from disk when an action is confirmed.
    private var watch: RosterWatch
    private var hosts: [Host]
    private var lastRosterCheck = ContinuousClock.now
    /// Host-set updates for the engine, applied in the order the roster changed.
    private var engineSync: Task<Void, Never>?
    /// Snapshots from a running daemon, or from an engine of the dashboard's own (`SnapshotFeed`).
    private let feed: SnapshotFeed
    private let jobs: JobService
    private let placement: PlacementService
    private let queue = EventQueue()
    private var state = AppState()
    private var tasks: [Task<Void, Never>] = []
    private var logTask: Task<Void, Never>?
    private var followedJob: String?
    /// Set from the attach check until the attach ends: a second Enter meanwhile does not attach twice.
    private var attaching = false

    init(context: CLIContext, watch: RosterWatch, interval: Duration, pinTrouble: Bool = false) throws {
        self.context = context
        state.hostsView.pinTrouble = pinTrouble
        self.watch = watch
        let hosts = watch.roster.effectiveHosts(localOS: LocalSystem.osName)
        self.hosts = hosts
        let sessions = SessionProber(options: context.sshOptions)
        // A running daemon's snapshots, else an engine of the dashboard's own over these sessions.
        feed = SnapshotFeed(client: DaemonClient(home: context.home), services: context.services, sessions: sessions, hosts: hosts, interval: interval)
        // Job states and log tails travel over the engine's host sessions (no ssh per question).
        jobs = JobService(context: context.services, watcher: JobWatcher(sessions: sessions))
        _ = try jobs.manager()
        placement = PlacementService(context: context.services)
    }

    /// Runs until `q`, Ctrl+C or SIGTERM; the terminal is restored on every way out.
    func run(screen: CursesScreen) async {
        let term = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .main)
        signal(SIGTERM, SIG_IGN)
        let quitFlag = QuitFlag()
        term.setEventHandler { quitFlag.set() }
        term.resume()
        defer {
            term.cancel()
            screen.close()
        }
        let feed = self.feed, queue = self.queue, jobs = self.jobs, services = context.services
        let reservations = ReservationService(context: context.services)
        state = Reducer.reduce(state, .roster(hosts)).0
        // The roster is drawn at once, every host pending; each host's row fills in as its own answer comes.
        state = Reducer.reduce(state, .snapshot(Snapshot(takenAt: Date(), hosts: hosts.map { HostState(host: $0) }))).0
        // The first frame goes out before any session starts: starting ssh to every host at once takes the CPU
        // (a handshake is ~100 ms of it) and held the roster's first frame back by 100 ms and more.
        draw(screen)
        var lastDraw = ContinuousClock.now
        tasks.append(Task.detached {
            await feed.run { queue.post($0) }
        })
        tasks.append(Task.detached {
            while !Task.isCancelled {
                // A running daemon reconciles jobs and the ledger itself: its states, with no ssh from here.
                if let pass = await PsDaemonStates.pass(context: services) {
                    queue.post(.jobs(Array(pass.jobs.prefix(50))))
                } else if let pass = try? await jobs.reconcile() {
                    // Jobs and the ledger reconciled with the hosts (an ended job gives its reservation back).
                    queue.post(.jobs(Array(pass.jobs.prefix(50))))
                }
                if let held = try? reservations.list() { queue.post(.reservations(held)) }
                try? await Task.sleep(for: .seconds(3))
            }
        })
        var dirty = false
        // Set by results from the engine and effects: drawn at most every 200 ms (hosts answer one by one, and a
        // frame per answer would cost more than it shows). Keys and resizes draw at once.
        var changed = false
        while !quitFlag.isSet {
            // Draw when something changed, after a resize, and once a second for ages and durations; an idle
            // dashboard renders once a second and writes only what changed.
            let sinceDraw = ContinuousClock.now - lastDraw
            if dirty || screen.resized || (changed && sinceDraw >= .milliseconds(200)) || sinceDraw >= .seconds(1) {
                draw(screen)
                dirty = false
                changed = false
                lastDraw = ContinuousClock.now
            }
            let key = screen.readKey()
            if ContinuousClock.now - lastRosterCheck >= .milliseconds(250) {
                lastRosterCheck = ContinuousClock.now
                if checkRoster() { dirty = true }
            }
            var events = AppEvent.coalescingHosts(queue.drain())
            if let key { events.append(.key(key)) }
            var quit = false
            for e in events {
                let (next, effects) = Reducer.reduce(state, e)
                state = next
                if e.changesHosts, !state.placementQuery.isEmpty { updatePlacement(state.placementQuery) }
                for effect in effects {
                    if effect == .quit { quit = true } else { perform(effect, screen: screen) }
                }
                if case .key = e { dirty = true } else { changed = true }
            }
            if quit { break }
            await Task.yield()
        }
        for t in tasks { t.cancel() }
        logTask?.cancel()
        await engineSync?.value
        await feed.shutdown()
        AuditService.completeAll()
    }

    /// Renders the state at the screen's size and writes what changed.
    private func draw(_ screen: CursesScreen) {
        let (w, h) = screen.size
        state.now = Date()
        state.window = Rect(x: 0, y: 0, width: w, height: h)
        screen.draw(Dashboard.render(state, width: w, height: h))
    }

    /// Reloads the roster when hosts.json changed: the engine probes the new host set (sessions of removed hosts
    /// close), the table follows, and a file that cannot be read keeps the last good roster with a warning.
    /// Returns whether anything changed.
    private func checkRoster() -> Bool {
        guard let change = watch.check() else { return false }
        switch change {
        case .reloaded(let roster):
            let fresh = roster.effectiveHosts(localOS: LocalSystem.osName)
            hosts = fresh
            let feed = self.feed, previous = engineSync
            engineSync = Task.detached {
                await previous?.value
                await feed.setHosts(fresh)
            }
            state = Reducer.reduce(state, .roster(fresh)).0
            if let id = followedJob, let job = state.jobs.first(where: { $0.id == id }), !fresh.contains(where: { $0.name == job.host }) {
                logTask?.cancel()
                followedJob = nil
            }
        case .unreadable(let why):
            state = Reducer.reduce(state, .rosterUnreadable(why)).0
        }
        return true
    }

    /// The confirm-time check: `planned` against the roster read from disk this moment. Posts what was skipped
    /// and returns the hosts that still qualify; nil (nothing to do) when hosts.json cannot be read.
    private func recheck(_ planned: [Host], sharedOnly: Bool, needsClean: Bool, action: String) -> RosterRecheck? {
        let current: [Host]
        do { current = try watch.current().effectiveHosts(localOS: LocalSystem.osName) } catch {
            queue.post(.message("\(action): nothing done, hosts.json cannot be read"))
            return nil
        }
        let result = RosterRecheck.check(planned: planned, current: current, sharedOnly: sharedOnly, needsClean: needsClean)
        if result.hosts.isEmpty {
            let why = result.skippedText()
            queue.post(.message("\(action): nothing to do" + (why.isEmpty ? "" : "; " + why)))
            return nil
        }
        return result
    }

    /// The roster host a job runs on, if it is still in the roster (checked on disk); else says why not.
    private func jobHost(_ job: Job, action: String) -> Host? {
        guard let host = hosts.first(where: { $0.name == job.host }) else {
            queue.post(.message("\(action) \(job.shortID): \(job.host) is not in the roster"))
            return nil
        }
        return recheck([host], sharedOnly: false, needsClean: false, action: "\(action) \(job.shortID)")?.hosts.first
    }

    private func perform(_ effect: Effect, screen: CursesScreen) {
        let queue = self.queue, jobs = self.jobs, feed = self.feed, hosts = self.hosts, context = self.context
        switch effect {
        case .quit:
            break
        case .refresh:
            Task.detached {
                if let snap = await feed.refresh() { queue.post(.snapshot(snap)) } else { queue.post(.message("refresh failed")) }
            }
        case .attach(let id):
            guard let job = state.jobs.first(where: { $0.id == id }), let host = jobHost(job, action: "attach") else { return }
            attach(job, on: host, screen: screen)
        case .stop(let id):
            guard let job = state.jobs.first(where: { $0.id == id }), jobHost(job, action: "stop") != nil else { return }
            queue.post(.message("stopping \(job.shortID)…"))
            Task.detached {
                // Audited even when the dashboard quits first (`AuditService.completeAll` writes `interrupted`).
                do {
                    let j = try await jobs.stop(job)
                    queue.post(.message("\(job.shortID): \(j.statusText)"))
                } catch {
                    queue.post(.message("stop failed: \(error)"))
                    queue.post(.result(title: "stop \(job.shortID) on \(job.host) failed", lines: "\(error)".split(whereSeparator: \.isNewline).map(String.init)))
                }
            }
        case .runOnAll(let command), .runOn(_, let command):
            // `o` runs on all shared hosts; `:on TARGETS` on the hosts its selector resolved to.
            var named: [String]?
            if case .runOn(let names, _) = effect { named = names }
            let planned = named.map { n in hosts.filter { n.contains($0.name) } } ?? hosts.filter(\.shared)
            let scope = named.map { $0.count <= 3 ? $0.joined(separator: ",") : "\($0.count) hosts" } ?? "all"
            guard let checked = recheck(planned, sharedOnly: named == nil, needsClean: false, action: "run on \(scope)") else { return }
            let targets = checked.hosts, skipped = checked.skippedText()
            let title = "on \(scope): \(command)"
            queue.post(.result(title: title, lines: ["running on \(targets.count) hosts…"] + (skipped.isEmpty ? [] : [skipped])))
            if !skipped.isEmpty { queue.post(.message("run on \(scope): " + skipped)) }
            Task.detached {
                let results = (try? await ExecService(context: context.services).run([command], on: targets, timeout: .seconds(60))) ?? []
                var lines: [String] = []
                for g in OutputGrouping.group(results) {
                    lines.append("── \(g.header)")
                    lines += g.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
                }
                lines.append(ExecSummary(results).line)
                if !skipped.isEmpty { lines.append(skipped) }
                queue.post(.result(title: title, lines: lines))
            }
        case .cleanDryRun(let name), .clean(let name, _):
            let planned: [Host]
            let dry: Bool
            if case .clean(_, let p) = effect { planned = p; dry = false } else {
                planned = name.map { n in hosts.filter { $0.name == n } } ?? hosts.filter { $0.shared && $0.clean }
                dry = true
            }
            let label = name ?? "all shared hosts"
            if let name, planned.isEmpty { queue.post(.message("\(name) is not in the roster")); return }
            guard !planned.isEmpty else { queue.post(.message("nothing to clean: no shared host has clean: true")); return }
            guard let checked = recheck(planned, sharedOnly: name == nil, needsClean: true, action: "clean") else { return }
            let targets = checked.hosts, skipped = checked.skippedText()
            let note = skipped.isEmpty ? "" : "; " + skipped
            queue.post(.message((dry ? "measuring what clean would free on \(label)…" : "cleaning \(label)…") + note))
            Task.detached {
                // Audited even when the dashboard quits first (`AuditService.completeAll` writes `interrupted`).
                let results: [(ExecResult, CleanReport)]
                do { results = try await CleanService(context: context.services).clean(targets, dryRun: dry, deep: false, timeout: .seconds(600)) } catch {
                    queue.post(.message("clean \(label) failed: \(error)"))
                    return
                }
                let lines = results.map { CleanService.summary($0.0, $0.1, dryRun: dry) }
                let skippedLines = skipped.isEmpty ? [] : [skipped]
                if dry {
                    let total = Saturating.sum(results.map(\.1.stepBytes))
                    queue.post(.result(title: "clean \(label) (dry run)", lines: lines + skippedLines + ["would free \(UsageFormat.bytes(total)) in all"]))
                    let names = targets.count <= 3 ? " on " + targets.map(\.name).joined(separator: ",") : " on \(targets.count) hosts"
                    queue.post(.confirmClean(host: name, planned: targets, summary: "would free \(UsageFormat.bytes(total))" + names))
                } else {
                    queue.post(.result(title: "clean \(label)", lines: lines + skippedLines))
                    queue.post(.message("cleaned " + targets.map(\.name).prefix(4).joined(separator: ",") + (targets.count > 4 ? ",…" : "") + note))
                }
            }
        case .placement(let query):
            updatePlacement(query)
        case .runJob(let host, let command):
            Self.startJob(host: host, command: command, jobs: jobs, queue: queue)
        case .theme(let name):
            do {
                screen.setTheme(try ThemeLoader.load(name: name, home: context.home))
                queue.post(.message("theme \(name)"))
            } catch {
                queue.post(.message(Self.oneLine(error)))
            }
        case .followLog(let id):
            logTask?.cancel()
            followedJob = nil
            guard let job = state.jobs.first(where: { $0.id == id }), let host = hosts.first(where: { $0.name == job.host }),
                Job.isWellFormedID(job.id) else { return }
            followedJob = id
            logTask = Task.detached {
                // Only what is new is fetched, from an offset; the pane keeps a bounded tail (LogLineRing).
                let title = "log \(job.shortID) (\(job.host))"
                queue.post(.log(title: title, lines: []))
                while !Task.isCancelled {
                    let ring = Mutex(LogLineRing())
                    do {
                        let start = UInt64(ring.withLock(\.maxBytes))
                        try await jobs.readLog(job, on: host, from: .last(bytes: start), follow: true) { event in
                            let lines: [String]? = ring.withLock { ring in
                                switch event {
                                case .bytes(let d): ring.append(d)
                                case .reset: ring.clear()
                                case .ended: return nil
                                }
                                return ring.lines
                            }
                            if let lines { queue.post(.log(title: title, lines: lines)) }
                        }
                        return
                    } catch {
                        try? await Task.sleep(for: .seconds(2))
                    }
                }
            }
        }
    }

    /// Attaches to the job's tmux session, after asking the host (without a terminal) whether the session is
    /// there: a host that is down or a session that is gone shows ssh's or tmux's own words in the status line
    /// instead of a screen that flashes. An attach that fails past that check reports ssh's last error line.
    private func attach(_ job: Job, on host: Host, screen: CursesScreen) {
        let queue = self.queue, errDir = context.home.controlDir
        // tmux's own complaint (an unknown TERM on the host, a nested session) would go to the terminal and be
        // wiped by the redraw: it goes to a file on the host, read back when the attach fails.
        let remoteErr = AttachFailure.remoteFile()
        guard let (checkExe, checkArgs) = try? jobs.sessionCheckCommand(job, on: host),
              let (exe, args) = try? jobs.attachCommand(job, on: host, errorFile: remoteErr),
              let (fetchExe, fetchArgs) = try? jobs.attachErrorCommand(remoteErr, on: host) else { return }
        let label = "attach \(job.shortID) on \(host.name)"
        guard !attaching else { return }
        attaching = true
        queue.post(.message("\(label)…"))
        Task { @MainActor in
            defer { self.attaching = false }
            let check: CommandResult
            do { check = try await ProcessRunner().run(checkExe, checkArgs, input: nil, timeout: .seconds(15)) } catch {
                queue.post(.message("\(label) failed: \(Self.oneLine(error))"))
                return
            }
            guard check.status == 0, !check.timedOut else {
                queue.post(.message("\(label) failed: " + (check.timedOut ? "no answer in 15 s" : Self.lastLine(check.stderrText, status: check.status))))
                return
            }
            // In herd's own 0700 control directory, not a shared /tmp where the name could be taken over.
            let errFile = errDir.appendingPathComponent("attach-\(getpid()).err").path
            defer { unlink(errFile) }
            screen.suspend()
            let status: Int32
            do { status = try InteractiveProcess.run(exe, args, stderrFile: errFile) } catch {
                screen.resume()
                queue.post(.message("\(label) failed: \(Self.oneLine(error))"))
                return
            }
            screen.resume()
            if status != 0 {
                // ssh's own errors are in the local file; tmux's (when ssh got through) in the host's.
                let local = (try? String(contentsOfFile: errFile, encoding: .utf8)) ?? ""
                var remote = ""
                if status != 255, let r = try? await ProcessRunner().run(fetchExe, fetchArgs, input: nil, timeout: .seconds(15)), !r.timedOut {
                    remote = r.stdoutText
                }
                let text = AttachFailure.reason(remote: remote, local: local)
                queue.post(.message("\(label) failed: " + Self.lastLine(text, status: status)))
            } else {
                queue.post(.message(""))
            }
        }
    }

    /// An error as one line.
    private static func oneLine(_ error: any Error) -> String {
        "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "\(error)"
    }

    /// The last non-blank line of a child's stderr, or "exit N" when it said nothing.
    private static func lastLine(_ text: String, status: Int32) -> String {
        let line = text.split(whereSeparator: \.isNewline).last { !$0.allSatisfy(\.isWhitespace) }.map(String.init) ?? ""
        return line.isEmpty ? "exit \(status)" : String(line.prefix(200))
    }

    /// Ranks the current snapshot for a query like `--ram 16G --gpu` or `7b inference` (`PlacementService`).
    private func updatePlacement(_ query: String) {
        let needs: Requirements
        do { needs = try PlacementService.requirements(query: query) } catch {
            let why = ((error as? HerdError)?.description ?? "\(error)").split(separator: "\n").first.map(String.init) ?? "\(error)"
            state = Reducer.reduce(state, .message("placement: \(why)")).0
            return
        }
        let snapshot = state.snapshot ?? Snapshot(takenAt: Date(), hosts: [])
        let ranked = (try? placement.rank(needs, in: snapshot).candidates) ?? Placement.rank(snapshot.hosts, needs: needs, reserved: [:])
        state = Reducer.reduce(state, .placement(query: query, candidates: ranked)).0
    }
}

/// Set from a signal handler's queue, read by the main loop.
final class QuitFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    func set() { lock.lock(); flag = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return flag }
}
