import Foundation
import HerdCore
import HerdStore
import HerdTUI

/// Finds and reads a theme: `--theme NAME`, else `theme = NAME` in `$HERD_HOME/config`, else the built-in default.
/// NAME.theme is looked up in `$HERD_HOME/themes` (a user's theme overrides a shipped one of the same name), then
/// among the themes built into the binary (`shippedThemeFiles`, from `themes/` by the ThemeEmbed plugin).
enum ThemeLoader {
    static func load(name: String?, home: HerdHome) throws -> Theme {
        guard let name = name ?? configured(home) else { return .standard }
        let dir = home.root.appendingPathComponent("themes").path
        let path = "\(dir)/\(name).theme"
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            do { return try Theme.parse(text) } catch { throw HerdError.badFile(file: path, message: "\(error)") }
        }
        if let text = shippedThemeFiles[name] {
            do { return try Theme.parse(text) } catch { throw HerdError.badFile(file: "themes/\(name).theme (built in)", message: "\(error)") }
        }
        let own = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(6)) }
        throw HerdError.invalidInput("no theme '\(TerminalText.line(name))' (have: \(Set(own + shippedThemeFiles.keys).sorted().joined(separator: ", ")))")
    }

    /// `theme = NAME` from `$HERD_HOME/config`.
    private static func configured(_ home: HerdHome) -> String? {
        guard let text = try? String(contentsOf: home.root.appendingPathComponent("config"), encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "theme", !parts[1].isEmpty { return parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
        }
        return nil
    }
}
