import Foundation

/// The plausible range of every figure herd reads from a host or a job, in one place.
///
/// A value outside its range (or not a finite number) is not believed: the probe field becomes unknown and the
/// host `partial`, or the job `unknown`, with a reason naming the field. The bounds are far above any real machine
/// and far below where herd's arithmetic (sums over thousands of hosts, `× 1024`, percentages) could overflow.
public enum Plausible {
    /// Online CPU cores of one host.
    public static let cpus: ClosedRange<Int> = 1...(1 << 16)
    /// A load average.
    public static let load: ClosedRange<Double> = 0...1_000_000
    /// Physical memory of one host, bytes (up to 16 PiB).
    public static let memoryBytes: ClosedRange<UInt64> = 0...(1 << 54)
    /// Size, use or free space of one filesystem, bytes (up to 1 EiB).
    public static let diskBytes: ClosedRange<UInt64> = 0...(1 << 60)
    /// Memory of one GPU, bytes (up to 1 TiB).
    public static let gpuMemoryBytes: ClosedRange<UInt64> = 0...(1 << 40)
    /// GPU index as nvidia-smi numbers them.
    public static let gpuIndex: ClosedRange<Int> = 0...1023
    /// GPUs on one host.
    public static let gpuCount: ClosedRange<Int> = 0...256
    /// Percentages (GPU utilisation, memory pressure).
    public static let percent: ClosedRange<Double> = 0...100
    /// The page size `vm_stat` reports, bytes.
    public static let pageSize: ClosedRange<UInt64> = 512...(1 << 24)
    /// A job's exit code as herd stores it (a shell reports 0–255; anything an `Int32` holds is accepted).
    public static let exitCode: ClosedRange<Int> = Int(Int32.min)...Int(Int32.max)
    /// A time a host reports (a job's end): 2000-01-01 to 2200-01-01 UTC.
    public static let time: ClosedRange<Date> = Date(timeIntervalSince1970: 946_684_800)...Date(timeIntervalSince1970: 7_258_118_400)
    /// Characters of an OS name, kernel release or architecture.
    public static let nameLength = 64
    /// Characters of a single text value read back from a job (a field, not a log).
    public static let textLength = 256

    /// What reading one number gave.
    public enum Reading<Value: Sendable & Equatable>: Sendable, Equatable {
        /// A number within range.
        case value(Value)
        /// A number, but outside the plausible range (negative, too large, nan, inf).
        case outOfRange
        /// Not a number at all.
        case notANumber

        /// The value, nil unless it was in range.
        public var value: Value? { if case .value(let v) = self { return v } else { return nil } }
    }

    /// `text` as a whole number of `unit`s, converted to base units (`unit` 1024 for kB), if it lies in `range`.
    /// Digits that overflow, a sign, a fraction, `nan` or `inf` are out of range; anything else is not a number.
    public static func bytes<S: StringProtocol>(_ text: S, unit: UInt64 = 1, in range: ClosedRange<UInt64>) -> Reading<UInt64> {
        let t = trimmed(text)
        guard let n = UInt64(t) else { return looksNumeric(t) ? .outOfRange : .notANumber }
        let (v, overflow) = n.multipliedReportingOverflow(by: unit)
        return !overflow && range.contains(v) ? .value(v) : .outOfRange
    }

    /// `text` as an integer in `range`.
    public static func integer<S: StringProtocol>(_ text: S, in range: ClosedRange<Int>) -> Reading<Int> {
        let t = trimmed(text)
        guard let n = Int(t) else { return looksNumeric(t) ? .outOfRange : .notANumber }
        return range.contains(n) ? .value(n) : .outOfRange
    }

    /// `text` as a finite decimal number in `range` (a decimal comma is accepted).
    public static func decimal<S: StringProtocol>(_ text: S, in range: ClosedRange<Double>) -> Reading<Double> {
        // A comma becomes a point without Foundation (its replacingOccurrences bridges through NSString, and every
        // load figure of every probe comes here).
        var t = trimmed(text)
        if t.utf8.contains(UInt8(ascii: ",")) { t = String(String.UnicodeScalarView(t.unicodeScalars.map { $0 == "," ? "." : $0 })) }
        guard let d = Double(t) else { return looksNumeric(t) ? .outOfRange : .notANumber }
        return d.isFinite && range.contains(d) ? .value(d) : .outOfRange
    }

    /// `text` without leading and trailing spaces and tabs (Unicode spaces too, not newlines), as a String. Swift's
    /// own scan: Foundation's `trimmingCharacters(in:)` bridges through NSString, measured at 7% of the dashboard's
    /// CPU over 32 hosts.
    static func trimmed<S: StringProtocol>(_ text: S) -> String {
        // Almost every figure starts and ends with a printable ASCII byte: no Unicode property lookups then.
        let whole = String(text)
        if let a = whole.utf8.first, let z = whole.utf8.last, (0x21...0x7E).contains(a), (0x21...0x7E).contains(z) { return whole }
        guard let first = text.firstIndex(where: { !($0.isWhitespace && !$0.isNewline) }) else { return "" }
        let last = text.lastIndex(where: { !($0.isWhitespace && !$0.isNewline) }) ?? first
        return String(text[first...last])
    }

    /// `d` if it is finite and within `range`, else nil.
    public static func within(_ d: Double?, _ range: ClosedRange<Double>) -> Double? {
        guard let d, d.isFinite, range.contains(d) else { return nil }
        return d
    }

    /// Text that is a number, just not one herd can hold: digits with a sign, fraction or exponent, too many digits.
    static func looksNumeric(_ t: String) -> Bool {
        if Double(t) != nil { return true }
        var s = Substring(t)
        if s.first == "-" || s.first == "+" { s = s.dropFirst() }
        return !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber }
    }
}
