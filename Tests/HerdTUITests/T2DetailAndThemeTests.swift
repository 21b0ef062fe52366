import Foundation
import HerdCore
@testable import HerdTUI
import Testing

/// The host detail view (Enter on a host, Esc returns) and the severity colours under every shipped theme.
@Suite struct T2DetailAndThemeTests {
    static func withJobAndReservation() -> AppState {
        var s = T2HostsPaneTests.state()
        let job = Job(id: "abcdef01-0000-0000-0000-000000000000", host: "gpu-node-with-a-long-name-07", command: ["python3", "train.py"],
                      clientCwd: "/src", startedAt: T2HostsPaneTests.now.addingTimeInterval(-60), status: .running)
        s = Reducer.reduce(s, .jobs([job])).0
        let r = Reservation(id: "r1234567", host: "gpu-node-with-a-long-name-07", ram: 16 << 30, gpus: 2, createdAt: T2HostsPaneTests.now,
                            expiresAt: T2HostsPaneTests.now.addingTimeInterval(600), note: "eval")
        return Reducer.reduce(s, .reservations([r])).0
    }

    @Test func enterOpensTheDetailOfTheSelectedHostAndEscReturns() throws {
        var s = Self.withJobAndReservation()
        s = Reducer.reduce(s, .key(.down)).0
        s = Reducer.reduce(s, .key(.enter)).0
        #expect(s.hostsView.detail == "gpu-node-with-a-long-name-07")
        let buf = Dashboard.render(s, width: 140, height: 36)
        let text = buf.lines.joined(separator: "\n")
        for needle in ["host gpu-node-with-a-long-name-07 (g7)", "GPUs 4", "GPU 0 A100", "GPU 3 A100", "79G/80G", "disks", "97G/100G 97%",
                       "jobs 1", "abcdef01", "python3 train.py", "reservations 1", "r1234567", "16G RAM 2 GPU", "eval",
                       "load per core", "CPU %: 99%", "RAM %: 81%", "GPU %: 62%", "GPU memory %"] {
            #expect(text.contains(needle), "\(needle)\n\(text)")
        }
        // GPU 0 (97% busy, 79 of 80 GB) has red gauges; GPU 1 (3%) is calm.
        let y0 = try #require(buf.lines.firstIndex { $0.contains("GPU 0 A100") })
        let g0 = try #require(T2HostsPaneTests.col(buf, y0, "█"))
        #expect(buf[g0, y0].style.fg == .barHigh)
        let y1 = y0 + 1
        #expect(buf[try #require(T2HostsPaneTests.col(buf, y1, "3%")), y1].style.fg == .text)
        // The graphs are drawn in block characters coloured by level: load per core 1.98 is high.
        let graphRow = try #require(buf.lines.firstIndex { $0.contains("load per core") }) + 1
        let lastCol = buf.lines[graphRow].count - 1
        #expect(buf[lastCol, graphRow].char == "█" && buf[lastCol, graphRow].style.fg == .barHigh)
        // ↓ steps to the next host in the detail view, Esc returns to the table, other keys still work.
        let next = Reducer.reduce(s, .key(.down)).0
        #expect(next.hostsView.detail == "tb03")
        #expect(Dashboard.render(next, width: 140, height: 36).lines.joined().contains("down 2m · refused · retry 12s"))
        let back = Reducer.reduce(s, .key(.escape)).0
        #expect(back.hostsView.detail == nil && back.mode == .normal)
        #expect(Reducer.reduce(s, .key(.char("c"))).1 == [.cleanDryRun(host: "gpu-node-with-a-long-name-07")])
        // Enter on the jobs pane still attaches.
        let jobs = Reducer.reduce(back, .key(.tab)).0
        #expect(Reducer.reduce(jobs, .key(.enter)).1 == [.attach(jobID: "abcdef01-0000-0000-0000-000000000000")])
    }

    @Test func aDetailOfAHostThatLeftTheRosterSaysSo() {
        var s = Reducer.reduce(T2HostsPaneTests.state(), .key(.enter)).0
        s = Reducer.reduce(s, .roster([Host(name: "other", ssh: "other")])).0
        #expect(Dashboard.render(s, width: 100, height: 20).lines.joined().contains("host gone from the roster"))
    }

    /// Every shipped theme tells the levels apart (on its own colour depth) and the table's cells take the theme's
    /// colour for their level.
    @Test(arguments: shippedThemeFiles.keys.sorted())
    func severityColoursUnderEveryShippedTheme(_ name: String) throws {
        let theme = try Theme.parse(try #require(shippedThemeFiles[name]))
        func shown(_ role: ColorRole) -> Int { theme.sixteen ? Theme.ansi16(theme.rgb(role)) : Int(theme.rgb(role)) }
        #expect(Set([shown(.barHigh), shown(.barWarn), shown(.text), shown(.background)]).count == 4, "\(name)")
        #expect(Set([shown(.barHigh), shown(.selected)]).count == 2, "\(name)")
        let buf = T2HostsPaneTests.render(T2HostsPaneTests.state(), width: 160)
        // The busy host's marker and disk figures are in the theme's high colour; the calm host's load in its text colour.
        #expect(theme.rgb(buf[0, 3].style.fg) == theme.rgb(.barHigh))
        let disk = try #require(T2HostsPaneTests.col(buf, 3, "97G/100G"))
        #expect(theme.rgb(buf[disk, 3].style.fg) == theme.rgb(.barHigh))
        let ram = try #require(T2HostsPaneTests.col(buf, 3, "52G/64G"))
        #expect(theme.rgb(buf[ram, 3].style.fg) == theme.rgb(.barWarn))
        let calm = try #require(T2HostsPaneTests.col(buf, 2, "0.50"))
        #expect(theme.rgb(buf[calm, 2].style.fg) == theme.rgb(.text))
        #expect(theme.rgb(buf[2, 4].style.fg) == theme.rgb(.hostDown))
    }
}
