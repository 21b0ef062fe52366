import Foundation
import HerdCore
import HerdStore

/// Dashboard settings from `$HERD_HOME/config` besides the theme: `pin_trouble = true` pins troubled hosts at the top.
enum DashboardConfig {
    /// `pin_trouble` from the config file (false when absent); any value but true or false is an error naming the file.
    static func pinTrouble(home: HerdHome) throws -> Bool {
        let url = home.root.appendingPathComponent("config")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return false }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0] == "pin_trouble" else { continue }
            switch parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) {
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default: throw HerdError.invalidInput("\(url.path): pin_trouble must be true or false, not '\(TerminalText.line(String(parts[1].prefix(40))))'")
            }
        }
        return false
    }
}
