import Foundation
import HerdCore
import HerdEngine
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

    /// Every planted file has an old mtime but a fresh ctime (as files just extracted from an archive): "older than
    /// 3 days" must hold for both, so the binary's 3-day clean keeps them all, and its dry run says so too.
    @Test func freshCtimeKeepsOldMtimeFilesAndTheDryRunAgrees() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(2, prefix: "ca") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "ca01", "ca01"]).status == 0)
            #expect(try await herd.run(["host", "add", "ca02", "ca02", "--no-clean"]).status == 0)
            let home = try await Self.plant(user: "herd_ca01")
            let tmpFile = "/tmp/herd-ca01-extracted-\(UUID().uuidString.prefix(8))"
            _ = try await HerdBinary.shell("head -c 4096 /dev/urandom > \(tmpFile); touch -d '10 days ago' \(tmpFile); chown herd_ca01 \(tmpFile)")
            defer { try? FileManager.default.removeItem(atPath: tmpFile) }
            let before = try await Self.checksums(home)

            let dry = try await herd.run(["clean", "ca01", "--dry-run", "--deep", "--json"])
            #expect(dry.status == 0, "\(dry.stderrText)")
            let counted = try Self.steps(dry)
            for name in ["~/.cache/pip", "~/.cache/uv", "~/.cache/thumbnails", "~/.cache/huggingface", "~/.cache/go-build"] {
                #expect(counted[name] == 0, "\(name): \(String(describing: counted[name])) bytes counted although every ctime is fresh")
            }
            #expect(!FileManager.default.fileExists(atPath: dir.file("home/audit.log")))

            let real = try await herd.run(["clean", "ca01", "--deep"])
            #expect(real.status == 0, "\(real.stderrText)")
            #expect(try await Self.checksums(home) == before, "a file with an old mtime but a fresh ctime was removed")
            #expect(FileManager.default.fileExists(atPath: tmpFile), "/tmp file with an old mtime but a fresh ctime was removed")
            let audit = try String(contentsOfFile: dir.file("home/audit.log"), encoding: .utf8)
            #expect(audit.split(separator: "\n").count == 1)
            #expect(audit.hasSuffix(" ca01 clean_--deep 0\n"), "\(audit)")
            #expect(try Self.mode(dir.file("home/audit.log")) == 0o600)

            // Privileged steps are skipped on a host without sudo, with the reason.
            #expect(real.stdoutText.contains("needs sudo"))
            // clean: false hosts are never touched, even when named.
            let skipped = try await herd.run(["clean", "ca02"])
            #expect(skipped.status == 2)
            #expect(skipped.stderrText.contains("ca02: skipped (clean: false)"))
        }
    }

    /// The file mode bits of `path`.
    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// With a retention of 0 minutes every file whose mtime and ctime are in the past qualifies: the dry run counts
    /// exactly those bytes, the real run removes exactly those files, and a file whose mtime is in the future (so not
    /// "older than" anything) stays. Through the engine over ssh, as `herd clean` runs it.
    @Test func dryRunCountsExactlyWhatTheRealRunRemoves() async throws {
        let ctl = try TempDir("herd-ctl")
        defer { ctl.remove() }
        try await withTestBed(1, prefix: "cb") { bed in
            let home = try await Self.plant(user: "herd_cb01")
            let future = "\(home)/.cache/pip/http/future"
            _ = try await HerdBinary.shell("head -c 777 /dev/urandom > \(future); touch -d 'tomorrow' \(future); chown herd_cb01 \(future)")
            let options = SSHOptions(configFile: bed.sshConfig, controlDir: ctl.path, connectTimeout: 5, controlPersist: "30")
            let cleaner = Cleaner(fanout: Fanout(options: options))
            let host = HerdCore.Host(name: "cb01", ssh: "cb01")
            let dry = try #require(await cleaner.clean([host], dryRun: true, depth: .deep, timeout: .seconds(60), retentionMinutes: 0).first)
            let counted = Dictionary(uniqueKeysWithValues: dry.1.steps.map { ($0.name, $0.bytes) })
            #expect(counted["~/.cache/pip"] == 3000 && counted["~/.cache/uv"] == 3500 && counted["~/.cache/thumbnails"] == 700, "\(counted)")
            #expect(counted["~/.cache/huggingface"] == 41234 && counted["~/.cache/go-build"] == 5000, "\(counted)")

            let real = try #require(await cleaner.clean([host], dryRun: false, depth: .deep, timeout: .seconds(60), retentionMinutes: 0).first)
            #expect(real.0.status == 0, "\(real.0.stderr)")
            let removed = Dictionary(uniqueKeysWithValues: real.1.steps.map { ($0.name, $0.bytes) })
            #expect(removed == counted.filter { removed[$0.key] != nil }, "the real run's bytes differ from the dry run's")
            let left = try await HerdBinary.shell("cd \(home) && find .cache -type f | sort")
            #expect(left == ".cache/other/old6\n.cache/pip/http/future\n", "\(left)")
        }
    }
}
