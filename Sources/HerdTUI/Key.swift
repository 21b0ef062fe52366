/// A key press, as the terminal backend decodes it.
public enum Key: Equatable, Hashable, Sendable {
    case char(Character)
    case up, down, left, right, pageUp, pageDown, home, end
    case tab, enter, escape, backspace
    case ctrl(Character)
}
