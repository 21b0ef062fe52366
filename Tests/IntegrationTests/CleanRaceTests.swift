import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import HerdTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `herd clean` deletes as root in /tmp, where any user can swap a directory for a symlink while find runs. The
/// delete must never follow such a swap: an unprivileged attacker loop races the privileged clean, and a root-owned
/// file elsewhere must survive every run.
///
/// Sandbox: the host user's `sudo` is a wrapper that runs only find, true and kill, as root, in a mount namespace where
/// /tmp, /var/tmp and /var/log are directories of the test (this machine's real ones are never cleaned). The
/// retention is 0 minutes, so the attacker's fresh decoy counts as old.
@Suite(.serialized, .timeLimit(.minutes(3))) struct CleanRaceTests {
    /// The fake sudo, the login shell that puts it first on PATH, the sandbox directories and the victim.
    struct Sandbox {
        let dir: TempDir
        let victimDir: String
        let marker = Int.random(in: 1000...9999)
        var victim: String { "\(victimDir)/victim" }
        var tmp: String { dir.file("sb/tmp") }
        var stop: String { dir.file("stop") }

        init() async throws {
            dir = try TempDir("herd-race")
            victimDir = "/opt/herd-race-victim-\(UUID().uuidString.prefix(8))"
            // With a `slow` file in the sandbox, root's find first sleeps `marker` seconds (for the interrupt test).
            let sudo = """
                #!/bin/sh
                [ "$1" = -n ] && shift
                case $1 in find|true|kill) ;; *) exit 1 ;; esac
                if [ "$1" = find ] && [ -e \(dir.file("slow")) ]; then set -- /bin/sh -c 'sleep \(marker); exec "$@"' sh "$@"; fi
                exec /usr/bin/sudo -n /usr/bin/unshare -m /bin/sh -c 'for d in var/tmp var/log tmp; do mount --bind "$0/$d" "/$d" || exit 1; done; exec "$@"' \(dir.file("sb")) "$@"
                """
            let shell = "#!/bin/sh\nPATH=\(dir.file("bin")):$PATH\nexport PATH\nexec /bin/sh \"$@\"\n"
            try FileManager.default.createDirectory(atPath: dir.file("bin"), withIntermediateDirectories: true)
            try sudo.write(toFile: dir.file("bin/sudo"), atomically: true, encoding: .utf8)
            try shell.write(toFile: dir.file("login"), atomically: true, encoding: .utf8)
            _ = try await HerdBinary.shell("""
                chmod 755 \(dir.path) \(dir.file("bin")) \(dir.file("bin/sudo")) \(dir.file("login"))
                mkdir -p \(dir.file("sb/tmp")) \(dir.file("sb/var/tmp")) \(dir.file("sb/var/log")) && chmod -R 755 \(dir.file("sb"))
                chmod 1777 \(dir.file("sb/tmp"))
                touch \(dir.file("swaps")) && chmod 666 \(dir.file("swaps"))
                mkdir -m 755 \(victimDir) && echo precious > \(victimDir)/victim && touch -d '10 days ago' \(victimDir)/victim
                """)
        }

        func remove() {
            try? FileManager.default.removeItem(atPath: victimDir)
            dir.remove()
        }

        /// The attacker: as `user`, atomically exchanges (renameat2 RENAME_EXCHANGE) `race/d`, a directory holding
        /// a decoy named like the victim, with `race/s`, a symlink to the victim's directory, as fast as it can, until
        /// the stop file appears. Every path find visits under race/ is thus, a moment later, the symlink's. The root
        /// delete may remove its files under it at any moment: the loop recreates them and never dies of an error.
        /// Every 2000 swaps it writes the count to `swaps`, so a failure can tell a slow attacker from a dead one.
        func attack(as user: String) -> Task<Void, Never> {
            let loop = """
                import ctypes, os
                libc = ctypes.CDLL(None, use_errno=True)
                os.makedirs("\(tmp)/race", exist_ok=True)
                os.chdir("\(tmp)/race")
                n = 0
                while True:
                    n += 1
                    if n % 2000 == 0:
                        try:
                            with open("\(dir.file("swaps"))", "w") as f:
                                f.write(str(n))
                        except OSError:
                            pass
                        if os.path.exists("\(stop)"):
                            break
                    try:
                        for name in ("d", "s"):
                            if not os.path.lexists(name):
                                if os.path.islink("s" if name == "d" else "d"):
                                    os.makedirs(name, exist_ok=True)
                                else:
                                    os.symlink("\(victimDir)", name)
                        real = "d" if os.path.isdir("d") and not os.path.islink("d") else "s"
                        if not os.path.lexists(real + "/victim"):
                            open(real + "/victim", "w").close()
                    except OSError:
                        pass
                    libc.renameat2(-100, b"d", -100, b"s", 2)
                """
            return Task {
                _ = try? await ProcessRunner().run("/usr/sbin/runuser", ["-u", user, "--", "/usr/bin/python3", "-c", loop], input: nil, timeout: .seconds(100))
            }
        }
    }

    @Test func aSymlinkSwapNeverRedirectsTheRootDelete() async throws {
        let sandbox = try await Sandbox()
        defer { sandbox.remove() }
        let ctl = try TempDir("herd-ctl")
        defer { ctl.remove() }
        try await withTestBed(2, prefix: "h3r") { bed in
            try await bed.grantSudo("h3r01")
            try await bed.shell("h3r01", sandbox.dir.file("login"))
            let options = SSHOptions(configFile: bed.sshConfig, controlDir: ctl.path, connectTimeout: 5, controlPersist: "30")
            let host = HerdCore.Host(name: "h3r01", ssh: "h3r01", sudo: true)
            let attacker = sandbox.attack(as: "herd_h3r02")
            defer { attacker.cancel() }
            // The attacker is under way: its directory exists and keeps changing.
            let deadline = ContinuousClock.now + .seconds(10)
            while !FileManager.default.fileExists(atPath: "\(sandbox.tmp)/race/d"), ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(50))
            }

            // The window is real: the old form (`find … -exec rm -f {} +`, paths resolved again by rm) loses the
            // race, usually in its first runs (about half the runs on a quiet machine, far fewer when it is loaded, so
            // up to 40 tries), so the check below can fail.
            let oldForm = CleanScript.source.replacingOccurrences(of: #""$@" -delete 2>/dev/null; then"#, with: #""$@" -exec rm -f {} + 2>/dev/null; then"#)
            #expect(oldForm != CleanScript.source)
            var oldHits = 0, oldRuns = 0
            while oldRuns < 40 && oldHits == 0 {
                oldRuns += 1
                let r = try await HerdBinary.ssh(["-F", bed.sshConfig, "h3r01", ShellQuote.join(["/bin/sh", "-c", oldForm, "herd-clean", "0", "0", "1", "0"])])
                // The race may also make rm fail on a path that changed under it: either way the step ran.
                #expect(r.stdoutText.contains("@@step safe /tmp removed") || r.stdoutText.contains("@@step safe /tmp failed"),
                    "\(r.stdoutText) \(r.stderrText)")
                if !FileManager.default.fileExists(atPath: sandbox.victim) {
                    oldHits += 1
                    _ = try await HerdBinary.shell("echo precious > \(sandbox.victim) && touch -d '10 days ago' \(sandbox.victim)")
                }
            }
            let swaps = (try? String(contentsOfFile: sandbox.dir.file("swaps"), encoding: .utf8)) ?? "none"
            print("clean race: the old form lost after \(oldRuns) runs (\(oldHits) hits), attacker swaps so far: \(swaps)")
            #expect(oldHits > 0, "the old -exec rm form never lost the race in \(oldRuns) runs (attacker swaps: \(swaps))")

            // herd's clean, through the engine as `herd clean` runs it: the victim survives every run.
            let cleaner = Cleaner(fanout: Fanout(options: options))
            for run in 1...8 {
                let r = try #require(await cleaner.clean([host], dryRun: false, depth: .auto, timeout: .seconds(30), retentionMinutes: 0).first)
                let tmpStep = r.1.steps.first { $0.name == "/tmp" }
                #expect(tmpStep?.result == "removed" || tmpStep?.result == "failed", "run \(run): \(r.0.stdout) \(r.0.stderr)")
                #expect(FileManager.default.fileExists(atPath: sandbox.victim), "run \(run): the root-owned victim was deleted")
            }
            _ = FileManager.default.createFile(atPath: sandbox.stop, contents: nil)
            await attacker.value
            #expect(try String(contentsOfFile: sandbox.victim, encoding: .utf8) == "precious\n")
        }
    }

    /// Ctrl-C on a host with sudo: the leash also ends the steps that run as root (through `sudo -n kill`).
    @Test func interruptStopsTheRootSteps() async throws {
        let sandbox = try await Sandbox()
        defer { sandbox.remove() }
        let home = try TempDir()
        defer { home.remove() }
        _ = FileManager.default.createFile(atPath: sandbox.dir.file("slow"), contents: nil)
        try await withTestBed(1, prefix: "h3q") { bed in
            try await bed.grantSudo("h3q01")
            try await bed.shell("h3q01", sandbox.dir.file("login"))
            let herd = HerdBinary(home: home.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            #expect(try await herd.run(["host", "add", "h3q01", "h3q01", "--sudo"]).status == 0)
            let rootSleep = "ps -eo user=,args= | grep '^root .*sleep \(sandbox.marker)' | grep -v grep || true"
            var env = ProcessInfo.processInfo.environment
            env["HERD_HOME"] = herd.home
            env["HERD_SSH_CONFIG"] = bed.sshConfig
            let child = try ChildProcess.spawn(HerdBinary.path, ["clean", "h3q01"], environment: env, pipeStdin: false)
            defer { child.signal(SIGKILL); _ = child.reapIfExited(); child.closeOutputs() }
            var deadline = ContinuousClock.now + .seconds(20)
            while try await HerdBinary.shell(rootSleep).isEmpty, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
            #expect(try await !HerdBinary.shell(rootSleep).isEmpty, "root's find never started")

            let start = ContinuousClock.now
            child.signal(SIGINT)
            var status: Int32?
            while status == nil, ContinuousClock.now < start + .seconds(5) {
                status = child.reapIfExited()
                if status == nil { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(status == 130)
            var left = try await HerdBinary.shell(rootSleep)
            deadline = start + .seconds(5)
            while !left.isEmpty, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                left = try await HerdBinary.shell(rootSleep)
            }
            #expect(left.isEmpty, "root's step kept running after SIGINT: \(left)")
            let audit = try String(contentsOfFile: home.file("home/audit.log"), encoding: .utf8)
            #expect(audit.hasSuffix(" h3q01 clean interrupted\n"), "\(audit)")
        }
    }
}
