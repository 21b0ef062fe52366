import Foundation
import HerdStore
import Testing

/// Where ControlPath sockets go for plain, odd and long `HERD_HOME`s, and the checks on the /tmp fallback.
@Suite struct ControlDirectoryTests {
    @Test func plainShortHomesKeepTheirSocketsInside() {
        #expect(ControlDirectory.path(forHome: "/home/me/.herd", uid: 1000) == "/home/me/.herd/ctl")
        #expect(ControlDirectory.path(forHome: "/home/me/.herd/", uid: 1000) == "/home/me/.herd/ctl")
    }

    @Test(arguments: [
        "/tmp/it's a 100% \"home\"", "/tmp/with space", "/tmp/pct%C", "/tmp/~tilde", "/tmp/tab\there", "/tmp/ünï",
        "/" + String(repeating: "d", count: 60),
    ])
    func oddOrLongHomesFallBackToAShortPrivateDirectory(_ home: String) {
        let dir = ControlDirectory.path(forHome: home, uid: 1000)
        #expect(dir.hasPrefix("/tmp/herd-1000-") && dir.utf8.count == "/tmp/herd-1000-".utf8.count + 16)
        // The longest socket path ssh binds (dir/40 hex.16 random) fits macOS's 104-byte sun_path with its NUL.
        #expect(dir.utf8.count + 58 < 104)
        #expect(ControlDirectory.usable(dir))
        #expect(ControlDirectory.path(forHome: home + "x", uid: 1000) != dir, "each home gets its own directory")
    }

    @Test func onlyLettersDigitsAndSshLiteralPunctuationAreUsable() {
        for value in 0..<256 {
            let c = Character(Unicode.Scalar(UInt8(value)))
            let expected = value < 128 && (c.isLetter || c.isNumber || "/._-+,@".contains(c))
            #expect(ControlDirectory.usable("/tmp/a\(c)b") == expected, "character \(value)")
        }
        #expect(!ControlDirectory.usable("tmp/relative"))
    }

    @Test func theLimitIsTheSocketPathBudget() {
        let fits = "/" + String(repeating: "a", count: ControlDirectory.maxLength - 5)
        #expect(ControlDirectory.path(forHome: fits, uid: 0) == fits + "/ctl")
        #expect(ControlDirectory.path(forHome: fits + "a", uid: 0) != fits + "a/ctl")
    }

    @Test func fallbackMustBeAPrivateDirectoryOwnedByUs() throws {
        let base = "/tmp/h5-ctl-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: base) }
        try ControlDirectory.ensurePrivate(base)
        #expect((try FileManager.default.attributesOfItem(atPath: base)[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        chmod(base, 0o777)
        try ControlDirectory.ensurePrivate(base)
        #expect((try FileManager.default.attributesOfItem(atPath: base)[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        let link = base + "-link"
        defer { try? FileManager.default.removeItem(atPath: link) }
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: base)
        #expect { try ControlDirectory.ensurePrivate(link) } throws: { "\($0)" == "\(link): is not a directory; remove it so herd can keep its ssh sockets there" }
        let other = base + "-other"
        defer { try? FileManager.default.removeItem(atPath: other) }
        try ControlDirectory.ensurePrivate(other)
        guard getuid() == 0 else { return }  // only root can give the directory away
        chown(other, 65534, 65534)
        #expect { try ControlDirectory.ensurePrivate(other) } throws: { "\($0)".contains("is owned by uid 65534, not by you") }
    }
}
