/// A line being typed in a prompt, as a pure value: the text, the cursor, and the prompt's history.
///
/// Keys as in readline/zsh: Ctrl+A/E start/end, Ctrl+W deletes the word before the cursor, Ctrl+U the text before
/// it, Ctrl+K the text after it; Left/Right (Ctrl+B/F) move, Backspace/Delete (Ctrl+D) delete, Up/Down (Ctrl+P/N)
/// walk the history, keeping the line being typed as the newest entry.
public struct LineEditor: Equatable, Sendable {
    /// The characters typed.
    public private(set) var text: String
    /// Where the next character goes: 0 … `text.count`.
    public private(set) var cursor: Int
    /// Earlier lines of this prompt, oldest first.
    public private(set) var history: [String]
    /// The history entry shown (nil: the line being typed).
    private var recalled: Int?
    /// The line being typed, kept while the history is walked.
    private var draft = ""

    /// The most lines a prompt's history keeps.
    public static let historyLimit = 100

    public init(_ text: String = "", history: [String] = []) {
        self.text = text
        cursor = text.count
        self.history = Array(history.suffix(Self.historyLimit))
    }

    /// Whether `key` is an editing key (the caller handles Enter, Esc and Tab).
    public static func edits(_ key: Key) -> Bool {
        switch key {
        case .char, .left, .right, .home, .end, .backspace, .delete, .up, .down: return true
        case .ctrl(let c): return "aebfwukdpnh".contains(c)
        default: return false
        }
    }

    /// The line after `key`.
    public func applying(_ key: Key) -> LineEditor {
        var e = self
        e.apply(key)
        return e
    }

    /// Applies one key.
    public mutating func apply(_ key: Key) {
        var chars = Array(text)
        switch key {
        case .char(let c):
            chars.insert(c, at: cursor)
            cursor += 1
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(chars.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = chars.count
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return }
            chars.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < chars.count else { return }
            chars.remove(at: cursor)
        case .ctrl("w"):
            var start = cursor
            while start > 0, chars[start - 1] == " " { start -= 1 }
            while start > 0, chars[start - 1] != " " { start -= 1 }
            chars.removeSubrange(start..<cursor)
            cursor = start
        case .ctrl("u"):
            chars.removeSubrange(0..<cursor)
            cursor = 0
        case .ctrl("k"):
            chars.removeSubrange(cursor..<chars.count)
        case .up, .ctrl("p"):
            recall(recalled.map { $0 - 1 } ?? history.count - 1)
            return
        case .down, .ctrl("n"):
            guard let r = recalled else { return }
            recall(r + 1)
            return
        default:
            return
        }
        text = String(chars)
        recalled = nil
    }

    /// Replaces the whole line (completion), the cursor at its end.
    public mutating func replace(with line: String) {
        text = line
        cursor = line.count
        recalled = nil
    }

    /// The history with `line` added as its newest entry (blank lines and repeats of the newest are not kept).
    public static func remember(_ line: String, in history: [String]) -> [String] {
        guard !line.allSatisfy(\.isWhitespace), history.last != line else { return history }
        return Array((history + [line]).suffix(historyLimit))
    }

    /// Shows history entry `index`; past the newest, the draft again.
    private mutating func recall(_ index: Int) {
        guard index >= 0 else { return }
        if recalled == nil { draft = text }
        if index >= history.count {
            recalled = nil
            text = draft
        } else {
            recalled = index
            text = history[index]
        }
        cursor = text.count
    }
}
