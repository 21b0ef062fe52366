import Foundation
import HerdCore
import HerdStore
import HerdTUI

/// Finds and reads a theme: `--theme NAME`, else `theme = NAME` in `$HERD_HOME/config`, else the built-in default.
/// NAME.theme is looked up in `$HERD_HOME/themes`, then in the `themes/` folder of herd's source tree.
enum ThemeLoader {
    static func load(name: String?, home: HerdHome) throws -> Theme {
        guard let name = name ?? configured(home) else { return .standard }
        let dirs = [home.root.appendingPathComponent("themes").path] + shippedDirs()
        for dir in dirs {
            let path = "\(dir)/\(name).theme"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            do { return try Theme.parse(text) } catch { throw HerdError.badFile(file: path, message: "\(error)") }
        }
        let known = dirs.flatMap { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] }
            .filter { $0.hasSuffix(".theme") }.map { String($0.dropLast(6)) }
        throw HerdError.invalidInput("no theme '\(name)' (have: \(Set(known).sorted().joined(separator: ", ")))")
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

    /// `themes/` beside the source tree the binary was built in (…/.build/<config>/herd → …/themes).
    private static func shippedDirs() -> [String] {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        var out: [String] = []
        for _ in 0..<4 {
            out.append(dir.appendingPathComponent("themes").path)
            dir.deleteLastPathComponent()
        }
        return out
    }
}
