import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// `herd init` on real hosts. Features whose effect this sandbox cannot take (tailscale needs the internet,
/// a 32 GB swapfile would fill CI's disk) run in --dry-run only; the rest are applied for real, twice.
@Suite(.serialized, .timeLimit(.minutes(5))) struct InitCommandTests {
    static func rows(_ text: String) -> [String: (status: String, detail: String)] {
        var out: [String: (String, String)] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true).map(String.init)
            if f.count >= 3 { out["\(f[0]) \(f[1])"] = (f[2], f.count > 3 ? f[3].trimmingCharacters(in: .whitespaces) : "") }
        }
        return out
    }

    /// Files the applied features write on this machine, removed afterwards.
    static let written = ["/etc/cron.d/herd-cleanup", "/usr/local/lib/herd/clean.sh", "/etc/sysctl.d/90-herd-panic.conf"]

    @Test func dryRunThenApplyTwiceReportsAlreadyDone() async throws {
        let dir = try TempDir()
        defer {
            dir.remove()
            for f in Self.written { try? FileManager.default.removeItem(atPath: f) }
        }
        for f in Self.written { try? FileManager.default.removeItem(atPath: f) }
        try await withTestBed(3, prefix: "na") { bed in
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "na01", "na01", "--sudo"]).status == 0)
            #expect(try await herd.run(["host", "add", "na02", "na02"]).status == 0)
            #expect(try await herd.run(["host", "add", "na03", "na03", "--dedicated"]).status == 0)
            try await bed.grantSudo("na01")

            let dry = try await herd.run(["init", "all", "--dry-run"])
            #expect(dry.status == 0, "\(dry.stdoutText) \(dry.stderrText)")
            let plan = Self.rows(dry.stdoutText)
            #expect(plan.count == 16, "every feature on na01 and na02, none on the dedicated na03")
            #expect(!dry.stdoutText.contains("na03"))
            #expect(plan["na01 no-sleep"]?.status == "skipped" && plan["na01 no-sleep"]?.detail == "macOS only")
            #expect(["would", "already", "skipped"].contains(plan["na01 swapfile"]?.status ?? ""))
            #expect(plan["na01 disk-cleanup"]?.status == "would")
            // na02 has no sudo: the dry run already says what the real run will do (skip), not "would run".
            #expect(plan["na02 disk-cleanup"]?.status == "skipped" && plan["na02 disk-cleanup"]?.detail.contains("sudo") == true)
            for f in Self.written { #expect(!FileManager.default.fileExists(atPath: f), "dry run wrote \(f)") }
            #expect(!FileManager.default.fileExists(atPath: dir.file("home/audit.log")))

            let features = ["disk-cleanup", "panic-recovery", "earlyoom", "no-sleep", "persistent-journal", "watchdog"]
            let args = ["init", "na01"] + features.flatMap { ["--only", $0] }
            let first = try await herd.run(args, timeout: .seconds(240))
            #expect(first.status == 0, "\(first.stdoutText) \(first.stderrText)")
            let applied = Self.rows(first.stdoutText)
            #expect(applied["na01 disk-cleanup"]?.status == "applied")
            #expect(applied["na01 panic-recovery"]?.status == "applied")
            #expect(["applied", "already"].contains(applied["na01 earlyoom"]?.status ?? ""))
            let cron = try String(contentsOfFile: "/etc/cron.d/herd-cleanup", encoding: .utf8)
            #expect(cron.contains("/var/log/herd-cleanup.log"))
            #expect(try String(contentsOfFile: "/usr/local/lib/herd/clean.sh", encoding: .utf8) == CleanScript.source + "\n")

            let second = try await herd.run(args, timeout: .seconds(120))
            #expect(second.status == 0)
            let again = Self.rows(second.stdoutText)
            for f in features {
                let status = again["na01 \(f)"]?.status
                #expect(status == "already" || status == "skipped", "\(f): \(String(describing: again["na01 \(f)"]))")
            }
            #expect(again.values.filter { $0.status == "already" }.count == 3)

            // Without sudo, privileged features are skipped with the reason; clean: false means no cron.
            #expect(try await herd.run(["host", "set", "na02", "--no-clean"]).status == 0)
            let nosudo = Self.rows(try await herd.run(["init", "na02", "--only", "panic-recovery", "--only", "disk-cleanup"]).stdoutText)
            #expect(nosudo["na02 panic-recovery"]?.status == "already" || nosudo["na02 panic-recovery"]?.detail.contains("sudo") == true)
            // The cron na01's run installed on this (shared) machine is herd's: a clean: false host without sudo says
            // it stays and why.
            #expect(nosudo["na02 disk-cleanup"]?.status == "skipped")
            #expect(nosudo["na02 disk-cleanup"]?.detail.hasPrefix("host has clean: false") == true)

            let audit = try String(contentsOfFile: dir.file("home/audit.log"), encoding: .utf8).split(separator: "\n")
            #expect(audit.count == 3)
            #expect(audit.allSatisfy { $0.contains(" init") })
        }
    }
}
