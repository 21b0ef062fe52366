import Foundation

/// The status line's host counts: how many hosts have answered while some have not ("12/32 answered · 11 up ·
/// 1 down · 20 connecting"), then simply "32 up" or "31 up · 1 down". A host counts as up only once it answered.
enum StatusCounts {
    static func text(_ state: AppState) -> String {
        let up = state.hostsUp, total = state.hostsTotal, answered = state.hostsAnswered
        let waiting = state.pendingSince.count
        var text = waiting > 0 ? "\(answered)/\(total) answered · \(up) up" : "\(up) up"
        let down = total - up - waiting
        if down > 0 { text += " · \(down) down" }
        if waiting > 0 { text += " · \(waiting) connecting" }
        return text
    }

    /// "HH:mm:ss" in local time, without a DateFormatter per frame (making one costs more than the whole frame).
    static func clock(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard localtime_r(&t, &parts) != nil else { return "--:--:--" }
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }
}
