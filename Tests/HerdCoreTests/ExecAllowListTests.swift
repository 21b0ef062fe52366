import Foundation
import HerdCore
import Testing

/// The `exec_allow` format of `$HERD_HOME/config` and what it lets an agent run.
@Suite struct ExecAllowListTests {
    static let config = """
        # commands agents may run
        exec_allow = uptime, nvidia-smi
        serve_port = 9000
          exec_allow=make test ,  git status
        """

    @Test func parsesEntriesAcrossLinesAndSkipsOtherKeys() throws {
        let list = try ExecAllowList.parse(Self.config, file: "/h/config")
        #expect(list.entries == [["uptime"], ["nvidia-smi"], ["make", "test"], ["git", "status"]])
        #expect(list.text == "uptime, nvidia-smi, make test, git status")
    }

    @Test(arguments: [
        ("exec_allow = uptime\nnonsense here\n", "/h/config:2: expected 'key = value'"),
        ("exec_allow = uptime,,ls", "/h/config:1: empty exec_allow entry"),
        ("\n\nexec_allow = ls; rm -rf /", "/h/config:3: exec_allow entry 'ls; rm -rf /' has ';': entries are plain words"),
        ("exec_allow = echo $HOME", "/h/config:1: exec_allow entry 'echo $HOME' has '$': entries are plain words"),
        (" = x", "/h/config:1: expected 'key = value' (no key)"),
    ])
    func errorsNameFileAndLine(text: String, message: String) {
        #expect(throws: HerdError.invalidInput(message)) { try ExecAllowList.parse(text, file: "/h/config") }
    }

    @Test func execMatchesWholeLeadingWords() throws {
        let list = try ExecAllowList.parse(Self.config, file: "c")
        #expect(list.refusal(argv: ["uptime"]) == nil)
        #expect(list.refusal(argv: ["make", "test", "-j4"]) == nil)
        #expect(list.refusal(argv: ["make", "install"]) != nil)
        #expect(list.refusal(argv: ["uptimex"]) != nil)
        #expect(list.refusal(argv: ["/usr/bin/uptime"]) != nil)
        #expect(list.refusal(argv: []) == "empty command")
        #expect(ExecAllowList().refusal(argv: ["uptime"]) == "'uptime' is not in the allow-list")
    }

    @Test func scriptNeedsEveryLineAllowedAndPlain() throws {
        let list = try ExecAllowList.parse(Self.config, file: "c")
        #expect(list.refusal(script: "# check\nuptime\n\ngit status --short\n") == nil)
        #expect(list.refusal(script: "uptime\nrm -rf /") == "script line 2: 'rm -rf /' is not in the allow-list")
        #expect(list.refusal(script: "uptime; rm -rf /") == "script line 1 has ';': only plain commands from the allow-list, one per line")
        #expect(list.refusal(script: "uptime $(rm -rf /)")?.contains("'$'") == true)
        #expect(list.refusal(script: "uptime `id`")?.contains("'`'") == true)
        #expect(list.refusal(script: "uptime > /etc/passwd")?.contains("'>'") == true)
        #expect(list.refusal(script: "  \n# only a comment\n") == "empty script")
    }
}
