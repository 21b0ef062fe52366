import Foundation
import HerdCore

/// The facts column of the host detail view: status and reasons, identity, addresses, GPUs, disks, jobs and
/// reservations, each figure coloured by its level.
enum DetailFacts {
    static func write(_ s: HostState, state: AppState, into buf: inout CellBuffer, with w: inout DetailWriter) {
        let u = s.usage
        let dim = Style(fg: .dim), text = Style.plain
        let statusRole: ColorRole = switch s.status {
        case .complete: .hostUp
        case .partial: .hostPartial
        case .unreachable, .error: .hostDown
        case .pending: .dim
        }
        let trouble = Trouble.text(s, now: state.now, since: state.hostsView.troubleSince[s.host.name])
        w.line([(trouble ?? s.status.rawValue, Style(fg: statusRole, bold: true)),
                ("  seen " + UsageFormat.age(s.age(at: state.now)) + " ago · probe " + UsageFormat.millis(s.latencyMs), dim)], into: &buf)
        for r in s.reasons.prefix(4) { w.line([("  " + r, Style(fg: statusRole))], into: &buf) }
        var identity = [u?.os, u?.kernel, u?.arch].compactMap { $0 }.joined(separator: " ")
        if let c = u?.cpus { identity += " · \(c) CPUs" }
        if let m = u?.cpuModel { identity += " · " + m }
        if !identity.isEmpty { w.line([(identity, text)], into: &buf) }
        var flags = [s.host.dedicated ? "dedicated" : "shared"]
        if !s.host.tags.isEmpty { flags.append("tags " + s.host.tags.joined(separator: ",")) }
        if !s.host.description.isEmpty { flags.append(s.host.description) }
        w.line([(flags.joined(separator: " · "), dim)], into: &buf)
        if let a = u?.addresses, !a.isEmpty {
            let shown = a.keys.sorted().map { "\($0) " + (a[$0] ?? []).joined(separator: ",") }.joined(separator: " · ")
            w.line([("addresses ", dim), (shown, text)], into: &buf)
        }
        let figures = Dictionary(Severity.figures(s.status.isUp ? u : nil), uniquingKeysWith: { a, _ in a })
        func level(_ m: Severity.Metric) -> Severity { Severity.of(m, figures[m] ?? nil) }
        if let u {
            let load = Plausible.within(u.load1, Plausible.load).map { String(format: "%.2f", $0) } ?? "-"
            let cpu = Plausible.within(u.cpuPercent, Plausible.percent).map { "\(Saturating.rounded($0))%" } ?? "-"
            w.line([("load ", dim), (load, Style(fg: level(.loadPerCore).role(.text), bold: true)), ("  CPU ", dim),
                    (cpu, Style(fg: level(.cpu).role(.text), bold: true)), ("  RAM ", dim),
                    (UsageFormat.usedOfTotal(u.memUsed, u.memTotal), Style(fg: level(.ram).role(.text), bold: true))], into: &buf)
        }
        let gpus = u?.gpus ?? []
        if !gpus.isEmpty {
            w.heading("GPUs \(gpus.count)", into: &buf)
            for g in gpus.prefix(32) { gpuLine(g, into: &buf, with: &w) }
        }
        let disks = u?.disks ?? (u?.disk.map { [$0] } ?? [])
        if !disks.isEmpty {
            w.heading("disks", into: &buf)
            for d in disks.prefix(16) {
                let pct = Double(d.percentUsed)
                gaugeLine(PaneFrame.fit(d.mount, 14), pct, Severity.of(.disk, pct), fill: .barDisk,
                          tail: "\(UsageFormat.usedOfTotal(d.used, d.total)) \(d.percentUsed)%", into: &buf, with: &w)
            }
        }
        let jobs = state.jobs.filter { $0.host == s.host.name }
        w.heading("jobs \(jobs.count)", into: &buf)
        for j in jobs.prefix(8) {
            let role: ColorRole = [.running: .jobRunning, .done: .jobDone, .failed: .jobFailed, .stopped: .jobStopped][j.status] ?? .jobUnknown
            w.line([(j.shortID + " ", text), (PaneFrame.fit(j.statusText, 12) + " ", Style(fg: role)),
                    (RemoteCommand.shellText(j.command).replacingOccurrences(of: "\n", with: " "), text)], into: &buf)
        }
        let held = state.hostsView.reservations.filter { $0.host == s.host.name }
        w.heading("reservations \(held.count)", into: &buf)
        for r in held.prefix(8) {
            let until = r.expiresAt.map { "expires in " + UsageFormat.age(max(0, $0.timeIntervalSince(state.now))) } ?? "held by job " + (r.jobID.map { String($0.prefix(8)) } ?? "?")
            w.line([(r.id + " ", text), ("\(UsageFormat.bytes(r.ram)) RAM", text), (r.gpus > 0 ? " \(r.gpus) GPU" : "", text),
                    (" · " + until + (r.note.isEmpty ? "" : " · " + r.note), dim)], into: &buf)
        }
    }

    /// "GPU 0 A100-SXM4-80GB  ██████░░ 97%  mem ████░░ 62G/80G".
    static func gpuLine(_ g: GPUUsage, into buf: inout CellBuffer, with w: inout DetailWriter) {
        guard !w.full else { return }
        let util = Plausible.within(g.utilization, Plausible.percent)
        let mem = HostHistory.percent(g.memUsed, g.memTotal)
        let y = w.y
        var x = w.area.x
        x += buf.put(PaneFrame.fit("GPU \(g.index) \(g.name)", 24) + " ", x: x, y: y, style: .plain, clip: w.area)
        Gauge.draw(util.map { $0 / 100 }, into: &buf, x: x, y: y, width: 10, clip: w.area, fill: Severity.of(.gpu, util).role(.barGPU), bg: .background)
        x += 11
        x += buf.put(PaneFrame.fit(util.map { "\(Saturating.rounded($0))%" } ?? "?", 5), x: x, y: y, style: Style(fg: Severity.of(.gpu, util).role(.text)), clip: w.area)
        x += buf.put("mem ", x: x, y: y, style: Style(fg: .dim), clip: w.area)
        Gauge.draw(mem.map { $0 / 100 }, into: &buf, x: x, y: y, width: 10, clip: w.area, fill: Severity.of(.gpuMemory, mem).role(.barGPU), bg: .background)
        x += 11
        buf.put(UsageFormat.usedOfTotal(g.memUsed, g.memTotal), x: x, y: y, style: Style(fg: Severity.of(.gpuMemory, mem).role(.text)), clip: w.area)
        w.y += 1
    }

    /// "LABEL ██████░░ TAIL" with the gauge and tail coloured by `level`.
    static func gaugeLine(_ label: String, _ percent: Double?, _ level: Severity, fill: ColorRole, tail: String, into buf: inout CellBuffer, with w: inout DetailWriter) {
        guard !w.full else { return }
        var x = w.area.x + buf.put(label + " ", x: w.area.x, y: w.y, style: .plain, clip: w.area)
        Gauge.draw(percent.map { $0 / 100 }, into: &buf, x: x, y: w.y, width: 16, clip: w.area, fill: level.role(fill), bg: .background)
        x += 17
        buf.put(tail, x: x, y: w.y, style: Style(fg: level.role(.text)), clip: w.area)
        w.y += 1
    }
}
