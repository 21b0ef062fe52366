/// What a cell means, not which colour it has: themes map roles to colours.
public enum ColorRole: String, CaseIterable, Sendable, Hashable {
    case background = "main.bg"
    case text = "main.fg"
    case dim = "main.dim"
    case title = "title"
    case border = "border"
    case selected = "selected.bg"
    case selectedText = "selected.fg"
    case header = "header"
    case hostUp = "host.up"
    case hostDown = "host.down"
    case hostPartial = "host.partial"
    case dedicated = "host.dedicated"
    case jobRunning = "job.running"
    case jobDone = "job.done"
    case jobFailed = "job.failed"
    case jobStopped = "job.stopped"
    case jobUnknown = "job.unknown"
    case barLoad = "bar.load"
    case barRAM = "bar.ram"
    case barDisk = "bar.disk"
    case barGPU = "bar.gpu"
    case barHigh = "bar.high"
    case barWarn = "bar.warn"
    case statusBar = "status.bg"
    case statusText = "status.fg"
    case key = "status.key"
    case warning = "warning"
}

/// How one cell is drawn: foreground and background roles plus attributes.
public struct Style: Equatable, Hashable, Sendable {
    public var fg: ColorRole
    public var bg: ColorRole
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool

    public init(fg: ColorRole = .text, bg: ColorRole = .background, bold: Bool = false, dim: Bool = false, reverse: Bool = false) {
        self.fg = fg
        self.bg = bg
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }

    public static let plain = Style()
}
