import Foundation
import HerdCore
import HerdTUI
import Testing

/// Golden tests of the panes on small cell buffers, including tiny and huge areas.
@Suite struct PaneTests {
    static let now = Date(timeIntervalSince1970: 1_000_000)

    static func state(hosts: Int = 3, jobs: Int = 0) -> AppState {
        var s = AppState()
        let states = (0..<hosts).map { i -> HostState in
            let up = i != 1
            return HostState(
                host: HerdCore.Host(name: String(format: "tb%02d", i + 1), ssh: "x", shared: i != 2),
                status: up ? .complete : .unreachable, reasons: up ? [] : ["Connection refused"],
                usage: HostUsage(os: "linux", cpus: 8, load: [Double(i) + 0.5, 0, 0], memTotal: 32 << 30, memAvailable: 16 << 30,
                                 disk: DiskUsage(mount: "/", total: 100 << 30, used: 25 << 30, available: 75 << 30)),
                lastSeen: now.addingTimeInterval(-5))
        }
        s = Reducer.reduce(s, .snapshot(Snapshot(takenAt: now, hosts: states))).0
        let js = (0..<jobs).map { i in
            Job(id: String(format: "%08x", i) + "-0000-0000-0000-000000000000", host: "tb01", command: ["make", "test"],
                clientCwd: "/src", startedAt: now.addingTimeInterval(-65), endedAt: i == 0 ? nil : now, exitCode: i == 0 ? nil : i,
                status: i == 0 ? .running : .failed)
        }
        return Reducer.reduce(s, .jobs(js)).0
    }

    @Test func hostRowsShowDedicatedDownAndBars() {
        var buf = CellBuffer(width: 90, height: 5)
        HostsPane.render(into: &buf, area: buf.area, state: Self.state())
        let l = buf.lines
        #expect(l[0].hasPrefix("─ hosts 3 ─"))
        #expect(l[1].hasPrefix("NAME") && l[1].contains("LOAD") && l[1].contains("RAM") && l[1].contains("DISK") && l[1].hasSuffix("AGE"))
        #expect(l[2].hasPrefix("tb01") && l[2].contains("0.50") && l[2].contains("16G/32G") && l[2].contains("25G/100G") && l[2].hasSuffix("5s"))
        #expect(l[3].hasPrefix("tb02") && l[3].hasSuffix("down") && !l[3].contains("16G/32G"))
        #expect(l[4].hasPrefix("tb03        [ded]"))
        #expect(buf[0, 3].style.dim && buf[0, 3].style.fg == .hostDown)
        #expect(buf[0, 2].style.bg == .selected)
    }

    @Test(arguments: [(0, 0), (1, 1), (3, 2), (59, 11), (500, 300)])
    func everySizeRendersWithoutTrapping(_ w: Int, _ h: Int) {
        let buf = Dashboard.render(Self.state(hosts: 40, jobs: 3), width: w, height: h)
        #expect(buf.width == w && buf.height == h)
        if w > 0, h > 0, w < Dashboard.minWidth || h < Dashboard.minHeight {
            #expect(buf.lines.joined().contains("terminal too small") || w < 20)
        }
    }

    @Test func fullFrameHasEveryPaneAndHints() {
        let buf = Dashboard.render(Self.state(jobs: 2), width: 100, height: 20)
        let text = buf.lines.joined(separator: "\n")
        #expect(text.contains("─ hosts 3") && text.contains("─ jobs 2") && text.contains("─ log"))
        #expect(text.contains("running") && text.contains("failed [1]") && text.contains("make test"), "\(text)")
        #expect(buf.lines.last?.contains("q quit") == true && buf.lines.last?.contains("2 up · 1 down") == true)
    }

    @Test func unchangedFrameHasNoChangesAndOneEditIsOneRun() {
        let a = Dashboard.render(Self.state(), width: 80, height: 20)
        let b = Dashboard.render(Self.state(), width: 80, height: 20)
        #expect(b.changes(since: a).isEmpty)
        var c = b
        c.put("X", x: 5, y: 5, style: .plain)
        let runs = c.changes(since: b)
        #expect(runs.count == 1 && runs[0].y == 5 && runs[0].x == 5 && runs[0].cells.count == 1)
        #expect(c.changes(since: nil).count == 20)
    }

    @Test func putClipsAndReplacesControlCharacters() {
        var buf = CellBuffer(width: 5, height: 1)
        // Escapes (a title, a reset) vanish, a line break becomes a space.
        #expect(buf.put("ab\u{1B}]0;pwned\u{07}c\u{1B}c\nde\u{9B}2Jfgh", x: -1, y: 0, style: .plain) == 6)
        #expect(buf.lines == ["bc de"])
        #expect(buf.put("zz", x: 0, y: 3, style: .plain) == 0)
    }
}

@Suite struct ReducerTests {
    @Test func keysMoveFilterConfirmAndEmitEffects() {
        var s = PaneTests.state(hosts: 3, jobs: 2)
        s = Reducer.reduce(s, .key(.char("j"))).0
        #expect(s.hostIndex == 1)
        s = Reducer.reduce(s, .key(.down)).0
        s = Reducer.reduce(s, .key(.down)).0
        #expect(s.hostIndex == 2)
        for c in "/tb03" { s = Reducer.reduce(s, .key(.char(c))).0 }
        #expect(s.visibleHosts.map(\.host.name) == ["tb03"])
        s = Reducer.reduce(s, .key(.enter)).0
        #expect(s.mode == .normal && s.filter == "tb03")
        s = Reducer.reduce(s, .key(.tab)).0
        #expect(s.focus == .jobs)
        var (t, effects) = Reducer.reduce(s, .key(.char("s")))
        #expect(effects.isEmpty)
        guard case .confirm = t.mode else { Issue.record("no confirmation"); return }
        (t, effects) = Reducer.reduce(t, .key(.char("y")))
        #expect(effects == [.stop(jobID: s.jobs[0].id)])
        #expect(Reducer.reduce(s, .key(.char("a"))).1 == [.attach(jobID: s.jobs[0].id)])
        #expect(Reducer.reduce(s, .key(.char("q"))).1 == [.quit])
        #expect(Reducer.reduce(s, .key(.char("r"))).1 == [.refresh])
        var o = Reducer.reduce(s, .key(.char("o"))).0
        for c in "uname" { o = Reducer.reduce(o, .key(.char(c))).0 }
        #expect(Reducer.reduce(o, .key(.enter)).1 == [.runOnAll(command: "uname")])
        #expect(Reducer.reduce(s, .key(.char("c"))).1 == [.cleanDryRun(host: "tb03")])
        #expect(Reducer.reduce(s, .key(.char("C"))).1 == [.cleanDryRun(host: nil)])
        let planned = s.visibleHosts.map(\.host)
        let asked = Reducer.reduce(s, .confirmClean(host: nil, planned: planned, summary: "would free 1.0G")).0
        #expect(Reducer.reduce(asked, .key(.char("y"))).1 == [.clean(host: nil, planned: planned)])
        let back = Reducer.reduce(Reducer.reduce(s, .key(.tab)).0, .key(.tab)).0
        #expect(back.focus == .hosts)
        #expect(Reducer.reduce(Reducer.reduce(back, .key(.tab)).0, .key(.tab)).1.isEmpty)
    }

    @Test func everyBindingIsReachableAndHelpListsIt() {
        for b in KeyMap.bindings { for k in b.keys { #expect(KeyMap.action(for: k) == b.action) } }
        let s = Reducer.reduce(PaneTests.state(), .key(.char("?"))).0
        // The table and the palette's commands fill two columns of a 160×40 window.
        let text = Dashboard.render(s, width: 160, height: 40).lines.joined(separator: "\n")
        for b in KeyMap.bindings { #expect(text.contains(b.help)) }
        for c in PaletteCommand.table { #expect(text.contains(c.usage) && text.contains(c.help)) }
    }
}

@Suite struct ThemeTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../themes").standardized

    @Test func everyShippedThemeParsesWithNoUnknownKey() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.dir.path).filter { $0.hasSuffix(".theme") }.sorted()
        #expect(files == ["16color.theme", "default.theme", "light.theme"])
        for f in files {
            let t = try Theme.parse(try String(contentsOf: Self.dir.appendingPathComponent(f), encoding: .utf8))
            #expect(t.sixteen == (f == "16color.theme"))
        }
    }

    /// The binary carries every shipped theme (ThemeEmbed plugin), byte for byte, so `--theme light` works wherever
    /// herd is installed.
    @Test func everyShippedThemeIsBuiltIntoTheBinary() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.dir.path).filter { $0.hasSuffix(".theme") }.sorted()
        #expect(shippedThemeFiles.keys.sorted() == files.map { String($0.dropLast(6)) })
        for f in files {
            let text = try String(contentsOf: Self.dir.appendingPathComponent(f), encoding: .utf8)
            let built = try #require(shippedThemeFiles[String(f.dropLast(6))])
            #expect(built == text || built + "\n" == text, "\(f)")
            #expect(try Theme.parse(built) == Theme.parse(text))
        }
    }

    @Test func unknownKeysAndBadColoursAreErrors() {
        #expect(throws: Theme.ParseError(line: 2, message: "unknown key 'host.sideways'")) {
            try Theme.parse("# c\ntheme[host.sideways]=\"#ffffff\"")
        }
        #expect(throws: Theme.ParseError.self) { try Theme.parse("theme[host.up]=\"red\"") }
        #expect(Theme.xterm256(0xFF0000) == 196 && Theme.xterm256(0x808080) == 244 && Theme.ansi16(0x00CD00) == 2)
    }
}
