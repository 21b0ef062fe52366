extension Rect {
    /// Whether the cell (x, y) lies inside.
    public func contains(_ px: Int, _ py: Int) -> Bool { px >= x && px < x + width && py >= y && py < y + height }
}
