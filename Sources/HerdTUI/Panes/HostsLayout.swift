import HerdCore

/// The host table's columns for a given width and set of hosts, sized by content: the name column fits the
/// longest name (shrinking with a middle ellipsis when it must), GPU columns appear only when a host has GPUs,
/// tags only when a host has tags and there is room; CPU, GPU, gauges and sparklines are added by priority while
/// they fit, and the status column takes what is left.
struct HostsLayout: Equatable {
    /// One column of the table.
    enum Kind: Equatable, CaseIterable {
        case mark, name, flag, load, cpu, loadSpark, ram, ramSpark, gpu, gpuMem, gpuSpark, disk, status, tags
    }

    /// Where each shown column starts and how wide it is (without the gap after it).
    private(set) var columns: [(kind: Kind, x: Int, width: Int)] = []
    /// Gauge cells inside the RAM and disk columns (0: numbers only).
    private(set) var gaugeWidth = 0
    /// Whether the GPU cells have room for the word "busy".
    private(set) var gpuBusyWord = false
    /// GPUs of the host with the most (the width of the GPU cells).
    private(set) var gpuCells = 0

    static let sparkWidth = 10
    static let figureWidth = 9 // "128G/1.0T"

    static func == (a: HostsLayout, b: HostsLayout) -> Bool {
        a.columns.map(\.kind) == b.columns.map(\.kind) && a.columns.map(\.x) == b.columns.map(\.x) && a.columns.map(\.width) == b.columns.map(\.width)
    }

    /// The column of `kind`, if shown.
    func column(_ kind: Kind) -> (x: Int, width: Int)? {
        columns.first { $0.kind == kind }.map { ($0.x, $0.width) }
    }

    init(width: Int, hosts: [HostState]) {
        var longest = 5, dedicated = false, gpus = 0, tagsWidth = 0
        // By index, reading fields in place: copying a thousand host states per frame costs more than the rest.
        for i in hosts.indices {
            longest = max(longest, hosts[i].host.name.count)
            dedicated = dedicated || !hosts[i].host.shared
            gpus = max(gpus, min(hosts[i].usage?.gpus.count ?? 0, 16))
            if !hosts[i].host.tags.isEmpty { tagsWidth = max(tagsWidth, 4, min(24, hosts[i].host.tags.reduce(0) { $0 + $1.count + 1 } - 1)) }
        }
        gpuCells = gpus
        let countWidth = String(gpus).count * 2 + 1
        // Widths include the one-cell gap after each column.
        var w: [Kind: Int] = [.mark: 2, .load: 6, .ram: Self.figureWidth + 1, .disk: Self.figureWidth + 1, .status: 7]
        var name = min(longest, 32)
        func used() -> Int { w.values.reduce(0, +) + name + 1 }
        // The name gives way (down to 6 cells) before a required column is lost.
        if used() > width { name = max(6, name - (used() - width)) }
        var optional: [(Kind, Int)] = [(.cpu, 5)]
        if gpus > 0 { optional.append((.gpu, gpus + 1 + countWidth + 1)) }
        if dedicated { optional.append((.flag, 6)) }
        if gpus > 0 { optional.append((.gpu, 5)) } // room for the word busy
        optional += [(.ram, 0), (.gpuMem, gpus > 0 ? Self.figureWidth + 1 : -1), (.status, 17), (.loadSpark, Self.sparkWidth + 1),
                     (.ramSpark, Self.sparkWidth + 1), (.gpuSpark, gpus > 0 ? Self.sparkWidth + 1 : -1),
                     (.tags, tagsWidth > 0 ? tagsWidth + 1 : -1)]
        for (kind, cells) in optional where cells >= 0 {
            if kind == .ram {
                // Gauges of 8 cells in the RAM and disk columns.
                if used() + 18 <= width { gaugeWidth = 8; w[.ram, default: 0] += 9; w[.disk, default: 0] += 9 }
                continue
            }
            guard used() + cells <= width else { continue }
            if kind == .gpu, w[.gpu] != nil { gpuBusyWord = true }
            w[kind, default: 0] += cells
        }
        // What is left: wider gauges (up to 16 cells), then the status column.
        if gaugeWidth > 0 {
            let extra = min(8, max(0, (width - used()) / 2))
            gaugeWidth += extra
            w[.ram, default: 0] += extra
            w[.disk, default: 0] += extra
        }
        w[.status, default: 0] += max(0, width - used())
        var x = 0
        for kind in Kind.allCases {
            let cells = kind == .name ? name + 1 : w[kind]
            guard let cells, cells > 0 else { continue }
            columns.append((kind, x, max(0, cells - 1)))
            x += cells
        }
    }

    /// `text` fitted to `width` with an ellipsis in the middle ("gpu-no…ode-17"), or padded.
    static func middle(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        let n = text.count
        if n <= width { return text + String(repeating: " ", count: width - n) }
        if width == 1 { return "…" }
        let head = (width - 1 + 1) / 2, tail = width - 1 - head
        return String(text.prefix(head)) + "…" + String(text.suffix(tail))
    }
}
