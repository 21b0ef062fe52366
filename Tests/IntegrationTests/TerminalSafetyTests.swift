import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// Section 2 of issue 10 on the test bed: a hostile host cannot control the operator's terminal or poison hosts.json.
@Suite(.timeLimit(.minutes(3))) struct TerminalSafetyTests {
    /// What the hostile command prints: a clipboard write, a title, a screen clear, colour, a cursor move.
    static let hostileOutput = #"printf 'a\033]52;c;cHduZWQ=\007b\033[2Jc\033[31mred\033[0m\033]0;pwned\033\\d\033[5;5He\n'"#

    static func herd(for bed: TestBed, home: TempDir) async throws -> HerdBinary {
        let herd = HerdBinary(home: home.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
        for h in bed.hosts {
            let r = try await herd.run(["host", "add", h.name, h.name])
            #expect(r.status == 0, "\(r.stderrText)")
        }
        return herd
    }

    /// Runs `herd args…` with its stdout on a pseudo-terminal (util-linux `script`); returns what the terminal got.
    static func onTerminal(_ herd: HerdBinary, _ args: [String]) async throws -> (status: Int32, output: String) {
        let quoted = ([HerdBinary.path] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        var env = herd.environment
        env["HERD_HOME"] = herd.home
        let r = try await ProcessRunner(environment: env).run("/usr/bin/script", ["-qfec", quoted, "/dev/null"], input: nil, timeout: .seconds(60))
        return (r.status, r.stdoutText)
    }

    @Test func hostOutputKeepsOnlyColourOnATerminalAndPassesRawOtherwise() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(1, prefix: "h2a") { bed in
            let herd = try await Self.herd(for: bed, home: home)
            let tty = try await Self.onTerminal(herd, ["on", "h2a01", "--", Self.hostileOutput])
            #expect(tty.status == 0)
            #expect(tty.output.contains("h2a01: abc\u{1B}[31mred\u{1B}[0mde"), "\(tty.output.debugDescription)")
            for bad in ["\u{1B}]", "\u{1B}[2J", "\u{1B}[5;5H", "\u{07}", "pwned", "cHduZWQ"] {
                #expect(!tty.output.contains(bad), "\(bad.debugDescription) reached the terminal")
            }
            let grouped = try await Self.onTerminal(herd, ["on", "h2a01", "--group", "--", Self.hostileOutput])
            #expect(grouped.output.contains("abc\u{1B}[31mred\u{1B}[0mde"), "\(grouped.output.debugDescription)")
            #expect(!grouped.output.contains("\u{1B}]") && !grouped.output.contains("\u{07}"))
            let raw = try await Self.onTerminal(herd, ["on", "h2a01", "--raw", "--", Self.hostileOutput])
            #expect(raw.output.contains("a\u{1B}]52;c;cHduZWQ=\u{07}b\u{1B}[2Jc"), "\(raw.output.debugDescription)")
            let piped = try await herd.run(["on", "h2a01", "--", Self.hostileOutput])
            #expect(piped.stdoutText == "h2a01: a\u{1B}]52;c;cHduZWQ=\u{07}b\u{1B}[2Jc\u{1B}[31mred\u{1B}[0m\u{1B}]0;pwned\u{1B}\\d\u{1B}[5;5He\n")
            let json = try await herd.run(["on", "h2a01", "--json", "--", Self.hostileOutput])
            #expect(json.stdoutText.contains(#"\u001b]52;c;cHduZWQ=\u0007b"#), "JSON keeps the bytes, escaped")
        }
    }

    @Test func aHostileUnameIsNeitherShownRawNorStored() async throws {
        let home = try TempDir()
        defer { home.remove() }
        let fake = home.file("fakebin")
        try FileManager.default.createDirectory(atPath: fake, withIntermediateDirectories: true)
        let uname = "#!/bin/sh\nprintf 'Linux\\033]0;pwned\\007\\033]52;c;cHduZWQ=\\007 6.1.0 x86_64\\n'\n"
        try uname.write(toFile: "\(fake)/uname", atomically: true, encoding: .utf8)
        let shell = "#!/bin/sh\nPATH=\(fake):$PATH\nexport PATH\nexec /bin/sh \"$@\"\n"
        try shell.write(toFile: home.file("shell.sh"), atomically: true, encoding: .utf8)
        for p in ["\(fake)/uname", home.file("shell.sh")] { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: p) }
        for p in [home.path, fake] { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: p) }
        try await withTestBed(1, prefix: "h2b") { bed in
            try await bed.shell("h2b01", home.file("shell.sh"))
            let herd = try await Self.herd(for: bed, home: home)
            let check = try await herd.run(["on", "h2b01", "--raw", "--", "uname"])
            #expect(check.stdoutText.contains("\u{1B}]0;pwned"), "the fake uname is in place: \(check.stdoutText.debugDescription)")
            let refresh = try await herd.run(["refresh"])
            #expect(refresh.stderrText.contains("control characters"), "\(refresh.stderrText)")
            let stored = try String(contentsOfFile: home.file("home/hosts.json"), encoding: .utf8)
            #expect(!stored.contains("pwned") && !stored.lowercased().contains("\\u001b"), "\(stored)")
            for args in [["ls"], ["status"], ["facts", "h2b01"], ["refresh"]] {
                let r = try await Self.onTerminal(herd, args)
                #expect(!r.output.contains("\u{1B}]") && !r.output.contains("\u{07}"), "herd \(args): \(r.output.debugDescription)")
            }
        }
    }

    @Test func storedTextFieldsRefuseControlCharacters() async throws {
        let home = try TempDir()
        defer { home.remove() }
        let herd = HerdBinary(home: home.file("home"))
        #expect(try await herd.run(["host", "add", "ok1", "u@ok1", "--desc", "fine"]).status == 0)
        for args in [
            ["host", "add", "bad1", "u@bad1", "--desc", "two\nlines"],
            ["host", "desc", "ok1", "x\u{1B}]0;pwned\u{07}"],
            ["reserve", "ok1", "--ram", "1G", "--note", "a\nb", "--force"],
        ] {
            let r = try await herd.run(args)
            #expect(r.status == 2, "\(args): \(r.stderrText)")
            #expect(r.stderrText.hasPrefix("herd: ") && r.stderrText.filter { $0 == "\n" }.count == 1, "\(r.stderrText)")
            #expect(!r.stderrText.contains("\u{1B}"))
        }
        let file = home.file("pool.json")
        try #"[{"name": "imp1", "ssh": "u@imp1"}, {"name": "imp2", "ssh": "u@imp2", "description": "x\nimp3  u@evil"}]"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        let imported = try await herd.run(["host", "import", file])
        #expect(imported.stdoutText.contains("rejected imp2"), "\(imported.stdoutText)")
        let ls = try await herd.run(["ls", "--fast"])
        let names: [String] = ls.stdoutText.split(separator: "\n").map { line in String(line.prefix { $0 != " " }) }
        #expect(names == ["NAME", "ok1*", "imp1"])  // the first host added is the default (`*`)
    }
}
