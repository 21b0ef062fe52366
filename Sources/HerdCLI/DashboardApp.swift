import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdStore
import HerdTUI
import HerdTerminal

/// The dashboard: the refresh engine's snapshots, the job list and the selected job's log flow in as events;
/// keys go through `Reducer`; effects run as tasks whose results come back as events.
@MainActor
final class DashboardApp {
    private let context: CLIContext
    private let hosts: [Host]
    private let engine: RefreshEngine
    private let store: JobStore
    private let manager: JobManager
    private let queue = EventQueue()
    private var state = AppState()
    private var tasks: [Task<Void, Never>] = []
    private var logTask: Task<Void, Never>?

    init(context: CLIContext, hosts: [Host], interval: Duration) throws {
        self.context = context
        self.hosts = hosts
        try context.home.ensureControlDir()
        engine = RefreshEngine(hosts: hosts, prober: SessionProber(options: context.sshOptions), config: RefreshConfig(interval: interval))
        store = try JobStore(home: context.home)
        manager = JobManager(store: store, options: context.sshOptions)
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
        let engine = self.engine, queue = self.queue, store = self.store, manager = self.manager, hosts = self.hosts
        tasks.append(Task.detached {
            for await snap in engine.snapshots() { queue.post(.snapshot(snap)) }
        })
        tasks.append(Task.detached {
            while !Task.isCancelled {
                if let jobs = try? store.jobs(all: true) {
                    let fresh = await manager.reconcile(Array(jobs.prefix(50)), hosts: hosts)
                    queue.post(.jobs(fresh))
                }
                try? await Task.sleep(for: .seconds(3))
            }
        })
        var dirty = true
        var lastDraw = ContinuousClock.now
        while !quitFlag.isSet {
            // Draw when something changed, after a resize, and once a second for ages and durations; an idle
            // dashboard renders once a second and writes only what changed.
            if dirty || screen.resized || ContinuousClock.now - lastDraw >= .seconds(1) {
                let (w, h) = screen.size
                state.now = Date()
                screen.draw(Dashboard.render(state, width: w, height: h))
                dirty = false
                lastDraw = ContinuousClock.now
            }
            let key = screen.readKey()
            var events = queue.drain()
            if let key { events.append(.key(key)) }
            var quit = false
            for e in events {
                let (next, effects) = Reducer.reduce(state, e)
                state = next
                if case .snapshot = e, !state.placementQuery.isEmpty { updatePlacement(state.placementQuery) }
                for effect in effects {
                    if effect == .quit { quit = true } else { perform(effect, screen: screen) }
                }
                dirty = true
            }
            if quit { break }
            await Task.yield()
        }
        for t in tasks { t.cancel() }
        logTask?.cancel()
        await engine.shutdown()
        InterruptAudit.completeAll()
    }

    private func perform(_ effect: Effect, screen: CursesScreen) {
        let queue = self.queue, manager = self.manager, engine = self.engine, hosts = self.hosts, context = self.context
        switch effect {
        case .quit:
            break
        case .refresh:
            Task.detached { queue.post(.snapshot(await engine.round(force: true))) }
        case .attach(let id):
            guard let job = state.jobs.first(where: { $0.id == id }), let host = hosts.first(where: { $0.name == job.host }) else { return }
            let (exe, args) = manager.remote(host, "exec tmux attach -t =\(job.tmuxSession)", tty: true)
            screen.suspend()
            _ = try? InteractiveProcess.run(exe, args)
            screen.resume()
        case .stop(let id):
            guard let job = state.jobs.first(where: { $0.id == id }), let host = hosts.first(where: { $0.name == job.host }) else { return }
            queue.post(.message("stopping \(job.shortID)…"))
            Task.detached {
                // Audited even when the dashboard quits first (`InterruptAudit.completeAll` writes `interrupted`).
                let audit = InterruptAudit(home: context.home, action: "stop \(job.shortID)", hosts: [job.host])
                do {
                    let j = try await manager.stop(job, on: host)
                    audit.record(job.host, status: j.exitCode.map(String.init) ?? "?")
                    try? audit.complete()
                    queue.post(.message("\(job.shortID): \(j.statusText)"))
                } catch {
                    audit.record(job.host, status: "failed")
                    try? audit.complete()
                    queue.post(.message("stop failed: \(error)"))
                }
            }
        case .runOnAll(let command):
            let targets = hosts.filter(\.shared)
            queue.post(.log(title: "on all: \(command)", lines: ["running on \(targets.count) hosts…"]))
            Task.detached {
                let results = await Fanout(options: context.sshOptions).run([command], on: targets, timeout: .seconds(60))
                var lines: [String] = []
                for g in OutputGrouping.group(results) {
                    lines.append("── \(g.header)")
                    lines += g.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
                }
                lines.append(ExecSummary(results).line)
                queue.post(.log(title: "on all: \(command)", lines: lines))
            }
        case .cleanDryRun(let name), .clean(let name):
            let targets = name.map { n in hosts.filter { $0.name == n } } ?? hosts.filter { $0.shared && $0.clean }
            let label = name ?? "all shared hosts"
            guard !targets.isEmpty else { queue.post(.message("nothing to clean")); return }
            if let h = targets.first, name != nil, !h.clean { queue.post(.message("\(h.name) has clean: false")); return }
            let dry: Bool
            if case .cleanDryRun = effect { dry = true } else { dry = false }
            queue.post(.message(dry ? "measuring what clean would free on \(label)…" : "cleaning \(label)…"))
            // Audited even when the dashboard quits first (`InterruptAudit.completeAll` writes `interrupted`).
            let audit = dry ? nil : InterruptAudit(home: context.home, action: "clean", hosts: targets.map(\.name))
            Task.detached {
                let results = await Cleaner(fanout: Fanout(options: context.sshOptions)).clean(targets, dryRun: dry, depth: .auto, timeout: .seconds(600)) {
                    audit?.record($0.host, status: $0.timedOut ? "timeout" : String($0.status ?? -1))
                }
                let lines = results.map { CleanCommand.summary($0.0, $0.1, dryRun: dry) }
                if dry {
                    let total = results.map(\.1.stepBytes).reduce(0, +)
                    queue.post(.log(title: "clean \(label) (dry run)", lines: lines))
                    queue.post(.confirmClean(host: name, summary: "would free \(UsageFormat.bytes(total))"))
                } else {
                    try? audit?.complete()
                    queue.post(.log(title: "clean \(label)", lines: lines))
                    queue.post(.message("cleaned \(label)"))
                }
            }
        case .placement(let query):
            updatePlacement(query)
        case .followLog(let id):
            logTask?.cancel()
            guard let job = state.jobs.first(where: { $0.id == id }), let host = hosts.first(where: { $0.name == job.host }) else { return }
            logTask = Task.detached {
                while !Task.isCancelled {
                    if let r = try? await manager.agent(host, "log", [job.id], timeout: .seconds(10)) {
                        let lines = r.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).suffix(500).map(String.init)
                        queue.post(.log(title: "log \(job.shortID) (\(job.host))", lines: lines))
                    }
                    try? await Task.sleep(for: .seconds(2))
                }
            }
        }
    }

    /// Ranks the current snapshot for a query like `--ram 16G --gpu` or `7b inference` (parsed as `herd place` does).
    private func updatePlacement(_ query: String) {
        let needs: Requirements
        do { needs = try PlaceCommand.requirements(query: query) } catch {
            let why = PlaceCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            state = Reducer.reduce(state, .message("placement: \(why)")).0
            return
        }
        let reserved = (try? store.reservedByHost()) ?? [:]
        let ranked = Placement.rank(state.snapshot?.hosts ?? [], needs: needs, reserved: reserved)
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
