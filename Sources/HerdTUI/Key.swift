/// A key press (or a mouse event), as the terminal backend decodes it.
public enum Key: Equatable, Hashable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case tab, enter, escape, backspace
    case ctrl(Character)
    /// Delete (the key right of Backspace) and Shift+Tab.
    case delete, backTab
    /// A click or a wheel step at a cell of the window.
    case mouse(MouseEvent)
}

/// A mouse event at a cell (0-based column and row of the window).
public struct MouseEvent: Equatable, Hashable, Sendable {
    /// What the mouse did.
    public enum Kind: Equatable, Hashable, Sendable { case click, wheelUp, wheelDown }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
