import Foundation
import HerdCore

/// `$HERD_HOME/config`: `key = value` lines read by parts of herd (see `ExecAllowList` for `exec_allow`).
public struct HerdConfigFile: Sendable {
    public let home: HerdHome

    public init(home: HerdHome) { self.home = home }

    /// The file.
    public var file: URL { home.root.appendingPathComponent("config") }

    /// The exec allow-list; empty when the file does not exist. A file that cannot be read or parsed is an error
    /// naming it (and the line).
    public func execAllowList() throws -> ExecAllowList {
        let path = file.path
        guard FileManager.default.fileExists(atPath: path) else { return ExecAllowList() }
        guard let data = FileManager.default.contents(atPath: path) else { throw HerdError.invalidInput("\(path): cannot read") }
        guard let text = String(data: data, encoding: .utf8) else { throw HerdError.invalidInput("\(path): not UTF-8 text") }
        return try ExecAllowList.parse(text, file: path)
    }
}
