import Foundation
import HerdCore
import HerdTUI
import Testing

/// The dashboard's placement pane shows axis's `(remote|local, fit N/100)` label per host, and host text stays clean.
@Suite struct H8PlacementPaneTests {
    @Test func paneShowsTheLabelPerHost() {
        var app = AppState()
        app.placementQuery = "--gpu"
        app.placement = [
            Placement.Candidate(host: "local", fits: true, score: 91, reasons: ["this machine (+10 local)"], allocatable: 1 << 30, local: true),
            Placement.Candidate(host: "gpu1", fits: true, score: 72, reasons: ["2 free GPU(s) of 2 (+25 GPU)"], allocatable: 1 << 30),
            Placement.Candidate(host: "busy", fits: false, score: 0, reasons: ["GPU 0 x\u{1b}[2J: 97% busy"], allocatable: nil),
        ]
        var buf = CellBuffer(width: 100, height: 8)
        PlacementPane.render(into: &buf, area: buf.area, state: app)
        let lines = buf.lines
        #expect(lines.contains { $0.contains("local") && $0.contains("(local, fit 91/100)") }, "\(lines)")
        #expect(lines.contains { $0.contains("gpu1") && $0.contains("(remote, fit 72/100)") && $0.contains("+25 GPU") }, "\(lines)")
        #expect(lines.contains { $0.contains("busy") && $0.contains("(remote, no fit)") }, "\(lines)")
        #expect(!lines.joined().contains("\u{1b}"))
    }
}
