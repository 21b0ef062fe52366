import Foundation
import HerdCore
import HerdRemote
import HerdTestSupport
import Testing

/// pool's bootstrap rules, each run by `herd init` on a test-bed host against faked system files: the host's login
/// shell sets `HERD_INIT_ROOT` to a fixture tree (etc/, proc/swaps, dev/, run/systemd/) and puts fakes first on PATH
/// (sudo, df, uname, sysctl, modprobe, swapon/swapoff, fallocate, mkswap, systemctl, pmset, defaults, brew), each
/// recording its arguments. This machine's real /etc, /proc/sys and swap are never touched; the fake sudo runs the
/// command as the host's own user, who owns the fixture tree.
@Suite(.serialized, .timeLimit(.minutes(3))) struct InitRulesTests {
    /// The fixture tree, the fakes and the call log.
    struct Fixture {
        let dir: TempDir
        var root: String { dir.file("root") }
        var calls: String { dir.file("calls") }

        init(user: String) async throws {
            dir = try TempDir("herd-h7init")
            let bin = dir.file("bin"), d = dir.path
            try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
            let rec = "echo \"$(basename \"$0\") $*\" >> \(d)/calls"
            let fakes: [String: String] = [
                "sudo": "[ -e \(d)/nosudo ] && exit 1\n[ \"$1\" = -n ] && shift\nexec \"$@\"",
                "uname": "if [ -f \(d)/uname ] && [ \"$1\" = -s ]; then cat \(d)/uname; else exec /bin/uname \"$@\"; fi",
                "df": "cat \(d)/df",
                "sysctl": rec,
                "systemctl": rec,
                "mkswap": rec,
                "modprobe": "\(rec)\n: > \(d)/root/dev/watchdog",
                "fallocate": "\(rec)\n: > \"$3\"",
                "swapon": "\(rec)\necho '/swapfile file 33554428 0 -2' >> \(d)/root/proc/swaps",
                "swapoff": "\(rec)\ngrep -v '^/swapfile ' \(d)/root/proc/swaps > \(d)/swaps.new; cat \(d)/swaps.new > \(d)/root/proc/swaps",
                "pmset": "if [ \"$1\" = -g ]; then cat \(d)/pmset; exit 0; fi\n\(rec)\nprintf ' displaysleep 0\\n sleep 0\\n disksleep 0\\n' > \(d)/pmset",
                "defaults": "if [ \"$2\" = read ]; then cat \(d)/idle 2>/dev/null; exit 0; fi\n\(rec)\necho 0 > \(d)/idle",
                "brew": "\(rec)\n[ \"$1 $2\" = 'services list' ] && cat \(d)/services 2>/dev/null\nexit 0",
            ]
            for (name, body) in fakes {
                try "#!/bin/sh\n\(body)\n".write(toFile: "\(bin)/\(name)", atomically: true, encoding: .utf8)
            }
            let login = "#!/bin/sh\nPATH=\(bin):$PATH\nHERD_INIT_ROOT=\(d)/root\nexport PATH HERD_INIT_ROOT\nexec /bin/sh \"$@\"\n"
            try login.write(toFile: dir.file("login"), atomically: true, encoding: .utf8)
            _ = try await HerdBinary.shell("""
                cd \(d) && mkdir -p root/etc/sysctl.d root/etc/cron.d root/proc root/dev root/run/systemd/system
                printf 'Filename Type Size Used Priority\\n' > root/proc/swaps
                printf 'Filesystem 1024-blocks Used Available Capacity Mounted on\\n/dev/x 209715200 20971520 188743680 10%% /\\n' > df
                printf ' displaysleep 10\\n sleep 1\\n disksleep 10\\n' > pmset
                : > calls
                chmod -R 755 \(d) && chown -R \(user) \(d)
                """)
        }

        /// Writes in place (not atomically), so a fixture the host's user owns stays its own.
        func write(_ name: String, _ text: String) throws { try text.write(toFile: dir.file(name), atomically: false, encoding: .utf8) }
        func read(_ name: String) -> String { (try? String(contentsOfFile: dir.file(name), encoding: .utf8)) ?? "" }
        func callLog() -> [String] { read("calls").split(separator: "\n").map { $0.replacingOccurrences(of: dir.path, with: "D") } }
        func clearCalls() throws { try write("calls", "") }
    }

    /// HOST FEATURE → (status, detail) from `herd init`'s table.
    static func rows(_ r: CommandResult) -> [String: (status: String, detail: String)] {
        InitCommandTests.rows(r.stdoutText).reduce(into: [:]) { out, row in
            var value = row.value
            // The dry run's status is two words, "would run".
            if value.status == "would", value.detail.hasPrefix("run") {
                value = ("would run", value.detail.dropFirst(3).trimmingCharacters(in: .whitespaces))
            }
            out[String(row.key.split(separator: " ").last ?? "")] = value
        }
    }

    static func withHost(_ body: (HerdBinary, Fixture, TestBed) async throws -> Void) async throws {
        let home = try TempDir()
        defer { home.remove() }
        try await withTestBed(1, prefix: "h7i") { bed in
            let fixture = try await Fixture(user: "herd_h7i01")
            defer { fixture.dir.remove() }
            try await bed.grantSudo("h7i01")
            try await bed.shell("h7i01", fixture.dir.file("login"))
            let herd = HerdBinary(home: home.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "h7i01", "h7i01", "--sudo"]).status == 0)
            try await body(herd, fixture, bed)
        }
    }

    @Test func panicRecoveryRebootsOnPanicButNeverPanicsOnOOM() async throws {
        try await Self.withHost { herd, fx, _ in
            let r = try await herd.run(["init", "h7i01", "--only", "panic-recovery"])
            #expect(Self.rows(r)["panic-recovery"]?.status == "applied", "\(r.stdoutText) \(r.stderrText)")
            let conf = fx.read("root/etc/sysctl.d/90-herd-panic.conf")
            #expect(conf.contains("kernel.panic = 10\n") && conf.contains("kernel.panic_on_oom = 0\n") && conf.contains("kernel.panic_on_oops = 0\n"))
            #expect(!conf.contains("panic_on_oops = 1"))
            #expect(fx.callLog() == ["sysctl -q -p D/root/etc/sysctl.d/90-herd-panic.conf"])
            #expect(Self.rows(try await herd.run(["init", "h7i01", "--only", "panic-recovery"]))["panic-recovery"]?.status == "already")
        }
    }

    @Test func aSmallSwapfileIsReplacedByThe32GOne() async throws {
        try await Self.withHost { herd, fx, _ in
            try fx.write("root/proc/swaps", "Filename Type Size Used Priority\n/swapfile file 2097148 0 -2\n")
            let dry = Self.rows(try await herd.run(["init", "h7i01", "--only", "swapfile", "--dry-run"]))["swapfile"]
            #expect(dry?.status == "would run" && dry?.detail == "create a 32G /swapfile (swap is 2.0G)", "\(String(describing: dry))")
            #expect(fx.callLog().isEmpty)
            let r = try await herd.run(["init", "h7i01", "--only", "swapfile"])
            let row = Self.rows(r)["swapfile"]
            #expect(row?.status == "applied" && row?.detail == "32G /swapfile (swap now 32G), swappiness 10", "\(r.stdoutText) \(r.stderrText)")
            #expect(fx.callLog() == [
                "swapoff D/root/swapfile", "fallocate -l 32G D/root/swapfile", "mkswap D/root/swapfile", "swapon D/root/swapfile",
                "sysctl -q -p D/root/etc/sysctl.d/90-herd-swap.conf",
            ])
            #expect(fx.read("root/etc/sysctl.d/90-herd-swap.conf").contains("vm.swappiness = 10\n"))
            #expect(fx.read("root/etc/fstab") == "/swapfile none swap sw 0 0\n")
            let again = Self.rows(try await herd.run(["init", "h7i01", "--only", "swapfile"]))["swapfile"]
            #expect(again?.status == "already" && again?.detail == "swap 32G, swappiness 10")
        }
    }

    @Test func thirtyOneGigabytesOfSwapNeedNoSwapfile() async throws {
        try await Self.withHost { herd, fx, _ in
            // A line that is not a swap entry counts as nothing (hostile text never breaks the arithmetic).
            try fx.write("root/proc/swaps", "Filename Type Size Used Priority\n/dev/sda2 partition 32505852 0 -2\n/swapfile \u{1B}[2J x\n")
            let row = Self.rows(try await herd.run(["init", "h7i01", "--only", "swapfile"]))["swapfile"]
            #expect(row?.status == "applied" && row?.detail == "swappiness 10 (swap 31G)", "\(String(describing: row))")
            #expect(fx.callLog() == ["sysctl -q -p D/root/etc/sysctl.d/90-herd-swap.conf"])
            #expect(!FileManager.default.fileExists(atPath: fx.dir.file("root/swapfile")))
            #expect(Self.rows(try await herd.run(["init", "h7i01", "--only", "swapfile"]))["swapfile"]?.status == "already")
        }
    }

    @Test func noHardwareWatchdogLoadsSoftdog() async throws {
        try await Self.withHost { herd, fx, _ in
            let r = try await herd.run(["init", "h7i01", "--only", "watchdog"])
            let row = Self.rows(r)["watchdog"]
            #expect(row?.status == "applied" && row?.detail == "RuntimeWatchdogSec=30 (softdog)", "\(r.stdoutText) \(r.stderrText)")
            #expect(fx.callLog() == ["modprobe softdog", "systemctl daemon-reexec"])
            #expect(fx.read("root/etc/modules-load.d/herd-softdog.conf") == "softdog\n")
            #expect(fx.read("root/etc/systemd/system.conf.d/herd-watchdog.conf").contains("RuntimeWatchdogSec=30"))
            try fx.clearCalls()
            #expect(Self.rows(try await herd.run(["init", "h7i01", "--only", "watchdog"]))["watchdog"]?.status == "already")
            #expect(fx.callLog().isEmpty)
        }
    }

    @Test func macOSNeverSleepsAndRunsTailscaleAsABrewService() async throws {
        try await Self.withHost { herd, fx, _ in
            try fx.write("uname", "Darwin\n")
            let r = try await herd.run(["init", "h7i01", "--only", "no-sleep", "--only", "tailscale"])
            let rows = Self.rows(r)
            #expect(rows["no-sleep"]?.status == "applied", "\(r.stdoutText) \(r.stderrText)")
            #expect(rows["tailscale"]?.status == "applied" && rows["tailscale"]?.detail == "brew install tailscale; brew services start tailscale")
            #expect(fx.callLog() == [
                "brew install tailscale", "brew services start tailscale",
                "pmset -a displaysleep 0 sleep 0 disksleep 0", "defaults -currentHost write com.apple.screensaver idleTime 0",
            ])
            #expect(Self.rows(try await herd.run(["init", "h7i01", "--only", "no-sleep"]))["no-sleep"]?.status == "already")
        }
    }

    @Test func theCronRunsTheDeepTierAtNinetyPercentAndGoesWithNoClean() async throws {
        try await Self.withHost { herd, fx, bed in
            let r = try await herd.run(["init", "h7i01", "--only", "disk-cleanup"])
            #expect(Self.rows(r)["disk-cleanup"]?.status == "applied", "\(r.stdoutText) \(r.stderrText)")
            let cron = fx.read("root/etc/cron.d/herd-cleanup")
            let line = try #require(cron.split(separator: "\n").first { !$0.hasPrefix("#") })
            // The cron's own command, as cron would run it (the privileged steps refused: the fake sudo says no).
            let fields = line.split(separator: " ").map(String.init)
            #expect(fields.prefix(6) == ["17", "4", "*", "*", "*", "root"])
            let command = fields.dropFirst(6).prefix { $0 != ">>" }.map { $0.replacingOccurrences(of: "/usr/local/lib/herd", with: fx.dir.file("root/usr/local/lib/herd")) }
            try fx.write("nosudo", "")
            func runCron(diskPercent: Int) async throws -> String {
                try fx.write("df", "Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/x 100000 \(diskPercent * 1000) \(100_000 - diskPercent * 1000) \(diskPercent)% /\n")
                return try await HerdBinary.ssh(["-F", bed.sshConfig, "h7i01", ShellQuote.join(command)]).stdoutText
            }
            let full = try await runCron(diskPercent: 90)
            #expect(full.contains("@@note deep tier added: disk at 90%"), "\(full)")
            #expect(full.contains("@@step deep docker"))
            let calm = try await runCron(diskPercent: 50)
            #expect(calm.contains("@@df-before") && !calm.contains("@@step deep"), "\(calm)")
            try FileManager.default.removeItem(atPath: fx.dir.file("nosudo"))

            // --no-clean: the next init removes the cron; after that there is nothing to do.
            #expect(try await herd.run(["host", "set", "h7i01", "--no-clean"]).status == 0)
            let dry = Self.rows(try await herd.run(["init", "h7i01", "--only", "disk-cleanup", "--dry-run"]))["disk-cleanup"]
            #expect(dry?.status == "would run" && dry?.detail == "remove /etc/cron.d/herd-cleanup (host has clean: false)")
            let removed = Self.rows(try await herd.run(["init", "h7i01", "--only", "disk-cleanup"]))["disk-cleanup"]
            #expect(removed?.status == "applied" && removed?.detail == "removed /etc/cron.d/herd-cleanup (host has clean: false)")
            #expect(!FileManager.default.fileExists(atPath: fx.dir.file("root/etc/cron.d/herd-cleanup")))
            #expect(!FileManager.default.fileExists(atPath: fx.dir.file("root/usr/local/lib/herd/clean.sh")))
            let after = Self.rows(try await herd.run(["init", "h7i01", "--only", "disk-cleanup"]))["disk-cleanup"]
            #expect(after?.status == "skipped" && after?.detail == "host has clean: false")
        }
    }
}
