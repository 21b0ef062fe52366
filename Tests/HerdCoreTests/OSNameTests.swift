import HerdCore
import Testing

/// `herd host add` stores what `uname -s` answers: only a plain word, never control characters or a screenful.
@Suite struct OSNameTests {
    @Test func knownSystems() {
        #expect(OSName.fromUname("Linux\n") == "linux")
        #expect(OSName.fromUname("Darwin\n") == "macos")
        #expect(OSName.fromUname("FreeBSD") == "freebsd")
    }

    @Test(arguments: ["", "\n", "Linux\u{1B}[2J", "Linux\nDarwin", "Lin ux", String(repeating: "x", count: 33), "Línux", "motd\u{07}"])
    func hostileAnswersAreRefused(_ text: String) {
        #expect(OSName.fromUname(text) == nil)
    }
}
