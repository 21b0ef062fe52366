/// An action's result shown over the panes (`o` output, clean dry-run figures, a failure): it stays until
/// dismissed with Esc, Enter or q, scrolls when long, and may carry the question its evidence is for.
public struct ResultView: Equatable, Sendable {
    public var title: String
    public var lines: [String]
    /// The first line shown.
    public var scroll = 0
    /// The y/n question asked with this evidence (a destructive confirmation), if any.
    public var question: String?

    public init(title: String, lines: [String], question: String? = nil) {
        self.title = title
        self.lines = lines
        self.question = question
    }
}
