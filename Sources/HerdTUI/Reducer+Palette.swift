import HerdCore

/// The `:` palette: a parsed command becomes the same state changes and effects as the keys that do the same.
extension Reducer {
    static func palette(_ state: AppState, _ line: String) -> (AppState, [Effect]) {
        var s = state
        let command: PaletteCommand
        switch PaletteCommand.parse(line) {
        case .success(let c): command = c
        case .failure(let e):
            s.message = e.description
            return (s, [])
        }
        let roster = s.roster ?? (s.snapshot?.hosts ?? []).map(\.host)
        switch command {
        case .quit:
            return (s, [.quit])
        case .on(let targets, let cmd):
            do {
                let hosts = try TargetSelector(targets).resolve(in: roster)
                return (s, [.runOn(hosts: hosts.map(\.name), command: cmd)])
            } catch {
                s.message = ":on " + oneLine(error)
            }
        case .clean(let target):
            if target == "all" { return (s, [.cleanDryRun(host: nil)]) }
            do {
                let host = try TargetSelector.single(target, in: roster)
                return (s, [.cleanDryRun(host: host.name)])
            } catch {
                s.message = ":clean " + oneLine(error) + " (:clean takes one host or all)"
            }
        case .place(let query):
            return (s, [.placement(query: query)])
        case .run(let target, let cmd):
            do {
                let host = try TargetSelector.single(target, in: roster)
                return (s, [.runJob(host: host.name, command: cmd)])
            } catch {
                s.message = ":run " + oneLine(error)
            }
        case .theme(let name):
            return (s, [.theme(name: name)])
        case .stop(let id), .attach(let id), .logs(let id):
            let matches = s.jobs.filter { $0.id.hasPrefix(id) }
            guard matches.count == 1, let job = matches.first else {
                s.message = matches.isEmpty ? "no job '\(id)' in the job list" : "'\(id)' matches \(matches.count) jobs; type more of the id"
                return (s, [])
            }
            if let i = s.jobs.firstIndex(of: job) { s.jobIndex = i }
            switch command {
            case .stop:
                guard job.status.isLive else { s.message = "\(job.shortID) already ended"; break }
                s.mode = .confirm("stop job \(job.shortID) on \(job.host)? (y/n)", .stop(jobID: job.id))
            case .attach:
                return (s, [.attach(jobID: job.id)])
            default:
                s.focus = .log
                s.logView.follow()
                return (s, [.followLog(jobID: job.id)])
            }
        case .sort(let field, let descending):
            s.sort = field
            s.sortReversed = descending.map { $0 != SortKey.descending(field, reversed: false) } ?? false
        }
        return (s, [])
    }

    /// An error as one line.
    static func oneLine(_ error: any Error) -> String {
        let text = (error as? HerdError).map { "\($0)" } ?? "\(error)"
        return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
    }
}
