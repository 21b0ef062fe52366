import Foundation
import HerdStore
import Testing

/// `HerdHome.ensureExists` and `ensureControlDir`, asked on every probe round and job check: a missing state or
/// socket directory is made, a socket directory others may enter is made private again, and one that cannot be a
/// directory is a one-line error naming it.
@Suite struct HerdHomeDirectoryTests {
    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    @Test func missingDirectoriesAreMadePrivateAndLoosenedOnesTightened() throws {
        let base = "/tmp/hh-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: base) }
        let home = HerdHome(root: URL(fileURLWithPath: base + "/state"))
        try home.ensureControlDir()
        #expect(Self.mode(base + "/state") == 0o700)
        #expect(Self.mode(base + "/state/ctl") == 0o700)
        try home.ensureControlDir()  // as it should be: unchanged
        #expect(Self.mode(base + "/state/ctl") == 0o700)

        for loose in [0o755, 0o777, 0o1700, 0o500] {
            chmod(base + "/state/ctl", mode_t(loose))
            try home.ensureControlDir()
            #expect(Self.mode(base + "/state/ctl") == 0o700, "from \(String(loose, radix: 8))")
        }
        try FileManager.default.removeItem(atPath: base + "/state/ctl")
        try home.ensureControlDir()
        #expect(Self.mode(base + "/state/ctl") == 0o700, "removed while herd runs: made again")
    }

    @Test func aFileWhereADirectoryBelongsIsNamed() throws {
        let base = "/tmp/hh-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: base) }
        try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: base + "/state", contents: Data("x".utf8)))
        #expect { try HerdHome(root: URL(fileURLWithPath: base + "/state")).ensureExists() } throws: {
            "\($0)".hasPrefix("\(base)/state: cannot create directory")
        }
        let home = HerdHome(root: URL(fileURLWithPath: base + "/other"))
        try home.ensureExists()
        #expect(FileManager.default.createFile(atPath: base + "/other/ctl", contents: Data("x".utf8)))
        #expect { try home.ensureControlDir() } throws: { "\($0)".hasPrefix("\(base)/other/ctl: cannot create directory") }
    }
}
