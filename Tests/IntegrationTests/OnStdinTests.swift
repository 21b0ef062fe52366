import Foundation
import HerdRemote
import HerdTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `herd on` forwards its stdin to every host (as clush does), keeps Ctrl-C working while it does, and prints raw
/// (`--no-prefix`) or diffed (`--diff`) output.
@Suite(.timeLimit(.minutes(3))) struct OnStdinTests {
    /// The lines of `text` that start with `host: `, without the label.
    static func lines(of host: String, in text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { $0.hasPrefix("\(host): ") }.map { String($0.dropFirst(host.count + 2)) }
    }

    @Test func stdinReachesEveryHostWholeAndNoStdinGivesDevNull() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(3, prefix: "h9a") { bed in
            let herd = try await OnCommandTests.herd(for: bed, home: home)
            let r = try await herd.run(["on", "h9a[01-03]", "--", "cat"], input: Data("a\nb".utf8))
            #expect(r.status == 0, "\(r.stderrText)")
            for h in bed.hosts { #expect(Self.lines(of: h.name, in: r.stdoutText) == ["a", "b"], "\(r.stdoutText)") }

            // Binary data past the pipe buffer, NUL bytes included, arrives byte for byte on each host.
            var bytes = [UInt8](repeating: 0, count: 3 << 20)
            for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: (i &* 2654435761) >> 13) }
            for i in stride(from: 0, to: bytes.count, by: 97) { bytes[i] = 0 }
            let local = home.file("blob")
            try Data(bytes).write(to: URL(fileURLWithPath: local))
            let expected = try await HerdBinary.shell("sha256sum < '\(local)' | cut -d' ' -f1").trimmingCharacters(in: .whitespacesAndNewlines)
            let b = try await herd.run(["on", "h9a[01-03]", "--", "sha256sum | cut -d' ' -f1"], input: Data(bytes))
            #expect(b.status == 0, "\(b.stderrText)")
            for h in bed.hosts { #expect(Self.lines(of: h.name, in: b.stdoutText) == [expected], "\(b.stdoutText)") }

            // A command that reads nothing still ends, and --no-stdin gives it /dev/null.
            let none = try await herd.run(["on", "h9a[01-03]", "--", "true"], input: Data(bytes))
            #expect(none.status == 0, "\(none.stderrText)")
            let off = try await herd.run(["on", "h9a01", "--no-stdin", "--", "wc -c"], input: Data("data".utf8))
            #expect(off.status == 0, "\(off.stderrText)")
            #expect(Self.lines(of: "h9a01", in: off.stdoutText).map { $0.trimmingCharacters(in: .whitespaces) } == ["0"])
            // No stdin at all (the test runner gives /dev/null): the command reads nothing, as before.
            let null = try await herd.run(["on", "h9a01", "--", "wc -c"])
            #expect(Self.lines(of: "h9a01", in: null.stdoutText).map { $0.trimmingCharacters(in: .whitespaces) } == ["0"])
            // The work files of the forwarding (a FIFO in a temporary directory) are gone afterwards.
            let users = bed.hosts.map(\.user).joined(separator: " ")
            let left = try await HerdBinary.shell("for u in \(users); do find /tmp -maxdepth 1 -user $u -name 'herd-in.*'; done")
            #expect(left.isEmpty, "left behind: \(left)")
        }
    }

    @Test func ctrlCStillStopsRemoteWorkWhileStdinIsForwarded() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(2, prefix: "h9b") { bed in
            let herd = try await OnCommandTests.herd(for: bed, home: home)
            var env = ProcessInfo.processInfo.environment.merging(herd.environment) { _, new in new }
            env["HERD_HOME"] = herd.home
            let child = try ChildProcess.spawn(HerdBinary.path, ["on", "all", "--", "cat; exec sleep 307"], environment: env, pipeStdin: true)
            defer { child.closeOutputs() }
            #expect(child.write(Data("line\n".utf8)))
            child.closeStdin()
            let users = bed.hosts.map(\.user).joined(separator: ",")
            #expect(try await OnInterruptTests.waitFor(
                "pgrep -u \(users) -x sleep -a | grep -c 'sleep 307' | grep -x 2 || true", present: true, within: .seconds(20)))
            child.signal(SIGINT)
            #expect(try await OnInterruptTests.exitStatus(child, within: .seconds(5)) == 130)
            #expect(try await OnInterruptTests.waitFor("pgrep -u \(users) -f 'sleep 307' || true", present: false, within: .seconds(3)),
                    "sleep 307 left on a host")
        }
    }

    @Test func noPrefixAndDiff() async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(3, prefix: "h9c") { bed in
            let herd = try await OnCommandTests.herd(for: bed, home: home)
            let raw = try await herd.run(["on", "h9c01", "--no-prefix", "--", "printf", "one\\ntwo\\n"])
            #expect(raw.status == 0, "\(raw.stderrText)")
            #expect(raw.stdoutText == "one\ntwo\n")
            let odd = bed.hosts[2].user
            let cmd = "echo one; echo two; if [ \"$(id -un)\" = \(odd) ]; then echo DIFFERENT; else echo three; fi; echo four"
            let d = try await herd.run(["on", "all", "--diff", "--", cmd])
            #expect(d.status == 0, "\(d.stderrText)")
            #expect(d.stdoutText == """
                === h9c[01-02] (2 hosts): the most common output
                one
                two
                three
                four
                === h9c03 (1 host): differs
                --- h9c[01-02]
                +++ h9c03
                @@ -1,4 +1,4 @@
                 one
                 two
                -three
                +DIFFERENT
                 four

                """)
            let same = try await herd.run(["on", "all", "--diff", "--", "echo same"])
            #expect(same.stdoutText == "=== h9c[01-03] (3 hosts): the most common output\nsame\n=== every host printed the same output\n")
            let bad = try await herd.run(["on", "all", "--diff", "--json", "--", "true"])
            #expect(bad.status == 64 || bad.status == 2, "\(bad.stderrText)")
        }
    }
}
