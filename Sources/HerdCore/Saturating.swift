/// Arithmetic that never traps, for figures that come from hosts, files or the user: sums stop at the type's
/// maximum, and a `Double` becomes an `Int` only after nan, infinities and out-of-range values are handled.
public enum Saturating {
    /// The sum of `values`, or `UInt64.max` if it does not fit.
    public static func sum<S: Sequence>(_ values: S) -> UInt64 where S.Element == UInt64 {
        values.reduce(UInt64(0)) { add($0, $1) }
    }

    /// The sum of `values`, clamped to `Int`'s range.
    public static func sum<S: Sequence>(_ values: S) -> Int where S.Element == Int {
        values.reduce(0) { add($0, $1) }
    }

    /// `a + b`, or `UInt64.max` on overflow.
    public static func add(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (v, o) = a.addingReportingOverflow(b)
        return o ? .max : v
    }

    /// `a + b`, clamped to `Int`'s range.
    public static func add(_ a: Int, _ b: Int) -> Int {
        let (v, o) = a.addingReportingOverflow(b)
        return o ? (b > 0 ? .max : .min) : v
    }

    /// `a - b`, clamped to `Int`'s range.
    public static func subtract(_ a: Int, _ b: Int) -> Int {
        let (v, o) = a.subtractingReportingOverflow(b)
        return o ? (b < 0 ? .max : .min) : v
    }

    /// `a × b`, or `UInt64.max` on overflow.
    public static func multiply(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (v, o) = a.multipliedReportingOverflow(by: b)
        return o ? .max : v
    }

    /// `d` as an `Int`: nan is `nan` (default 0), values beyond `Int`'s range are clamped. Never traps.
    public static func int(_ d: Double, nan: Int = 0) -> Int {
        if d.isNaN { return nan }
        // Double(Int.max) rounds up to 2^63, which is already out of range.
        if d >= 9_223_372_036_854_775_807.0 { return .max }
        if d <= -9_223_372_036_854_775_808.0 { return .min }
        return Int(d)
    }

    /// `d` rounded to the nearest `Int`, clamped as `int(_:)` does.
    public static func rounded(_ d: Double, nan: Int = 0) -> Int { int(d.rounded(), nan: nan) }
}
