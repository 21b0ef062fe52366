import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// `herd clean` on a real host with a fake home full of old and new cache files.
@Suite(.timeLimit(.minutes(3))) struct CleanCommandTests {
    /// Files planted in the host user's home: path relative to home, size, age in days.
    static let plants: [(String, Int, Int)] = [
        (".cache/pip/http/old1", 1000, 5), (".cache/pip/http/new1", 2000, 1),
        (".cache/uv/wheels/old2", 3000, 4), (".cache/uv/wheels/new2", 500, 0),
        (".cache/thumbnails/large/old3", 700, 10),
        (".cache/huggingface/hub/old4", 40000, 7), (".cache/huggingface/hub/new4", 1234, 2),
        (".cache/go-build/ab/old5", 5000, 30),
        (".cache/other/old6", 999, 30),
    ]

    static func plant(user: String) async throws -> String {
        let home = "/home/\(user)"
        var script = "set -e\n"
        for (path, size, days) in plants {
            let full = "\(home)/\(path)"
            script += "mkdir -p \"$(dirname \(full))\"; head -c \(size) /dev/urandom > \(full); touch -d '\(days) days ago' \(full)\n"
        }
        script += "chown -R \(user):\(user) \(home)/.cache\n"
        let r = try await ProcessRunner().run("/bin/sh", ["-c", script], input: nil, timeout: .seconds(20))
        #expect(r.status == 0, "\(r.stderrText)")
        return home
    }

    static func checksums(_ home: String) async throws -> String {
        try await HerdBinary.shell("cd \(home) && find .cache -type f | sort | xargs md5sum")
    }

    static func steps(_ r: CommandResult) throws -> [String: UInt64] {
        let hosts = try #require((try JSONSerialization.jsonObject(with: r.stdout) as? [String: Any])?["hosts"] as? [[String: Any]], "\(r.stdoutText) \(r.stderrText)")
        let steps = try #require(hosts.first?["steps"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: steps.map { ($0["name"] as! String, ($0["bytes"] as? NSNumber)?.uint64Value ?? 0) })
    }

    @Test func dryRunCountsExactlyAndTouchesNothingThenCleanRemovesOnlyOldFiles() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(2, prefix: "ca") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "ca01", "ca01"]).status == 0)
            #expect(try await herd.run(["host", "add", "ca02", "ca02", "--no-clean"]).status == 0)
            let home = try await Self.plant(user: "herd_ca01")
            let before = try await Self.checksums(home)

            let dry = try await herd.run(["clean", "ca01", "--dry-run", "--json"])
            #expect(dry.status == 0, "\(dry.stderrText)")
            let safe = try Self.steps(dry)
            #expect(safe["~/.cache/pip"] == 1000 && safe["~/.cache/uv"] == 3000 && safe["~/.cache/thumbnails"] == 700)
            #expect(safe["~/.cache/huggingface"] == nil, "the deep tier ran on a disk under 85%")
            let deep = try Self.steps(try await herd.run(["clean", "ca01", "--dry-run", "--deep", "--json"]))
            #expect(deep["~/.cache/huggingface"] == 40000 && deep["~/.cache/go-build"] == 5000)
            #expect(try await Self.checksums(home) == before)
            #expect(!FileManager.default.fileExists(atPath: dir.file("home/audit.log")))

            let real = try await herd.run(["clean", "ca01"])
            #expect(real.status == 0, "\(real.stderrText)")
            #expect(real.stdoutText.contains("ca01: freed"))
            let left = try await HerdBinary.shell("cd \(home) && find .cache -type f | sort")
            #expect(left == [".cache/go-build/ab/old5", ".cache/huggingface/hub/new4", ".cache/huggingface/hub/old4",
                             ".cache/other/old6", ".cache/pip/http/new1", ".cache/uv/wheels/new2"].joined(separator: "\n") + "\n")
            let audit = try String(contentsOfFile: dir.file("home/audit.log"), encoding: .utf8)
            #expect(audit.split(separator: "\n").count == 1)
            #expect(audit.hasSuffix(" ca01 clean 0\n"))

            // Privileged steps are skipped on a host without sudo, with the reason.
            #expect(real.stdoutText.contains("needs sudo"))
            // clean: false hosts are never touched, even when named.
            let skipped = try await herd.run(["clean", "ca02"])
            #expect(skipped.status == 2)
            #expect(skipped.stderrText.contains("ca02: skipped (clean: false)"))
        }
    }
}
