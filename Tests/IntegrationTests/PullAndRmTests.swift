import Foundation
import HerdCore
import HerdRemote
import HerdTestSupport
import Testing

/// `herd pull` keeps what exists locally, rsync failures name their cause, and `herd rm` of a job whose host
/// left the roster says what stays behind.
@Suite(.serialized, .timeLimit(.minutes(3))) struct PullAndRmTests {
    static func mode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func pullNeverOverwritesWithoutForceAndKeepsDirectoryModes() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(1, prefix: "h4e") { bed in
            let host = bed.hosts[0]
            let herd = try await RunLeakTests.herd(for: bed, home: dir)
            let make = "mkdir -p out/sub && echo remote > out/a.txt && echo new > out/sub/b.txt && chmod 777 out out/sub && echo one > one.txt"
            let r = try await herd.run(["run", host.name, "-d", "-n", "--", make], cwd: dir.path)
            #expect(r.status == 0, "\(r.stderrText)")
            let id = r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            _ = try await JobLifecycleTests.waitEnded(herd, id, cwd: dir.path)

            // A single file onto an existing one: refused, listed, untouched; --force overwrites it.
            let dest = dir.file("dest")
            try FileManager.default.createDirectory(atPath: dest + "/out", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try "mine\n".write(toFile: dest + "/one.txt", atomically: true, encoding: .utf8)
            let refused = try await herd.run(["pull", id, "one.txt", dest])
            #expect(refused.status == 2, "\(refused.stderrText)")
            #expect(refused.stderrText.contains("would overwrite 1 existing file(s): \(dest)/one.txt") && refused.stderrText.contains("--force"))
            #expect(try String(contentsOfFile: dest + "/one.txt", encoding: .utf8) == "mine\n")
            #expect(try await herd.run(["pull", "--force", id, "one.txt", dest]).status == 0)
            #expect(try String(contentsOfFile: dest + "/one.txt", encoding: .utf8) == "one\n")

            // A directory into an existing one: new files arrive, the existing directory keeps mode 0700.
            try "keep\n".write(toFile: dest + "/out/a.txt", atomically: true, encoding: .utf8)
            let clash = try await herd.run(["pull", id, "out", dest])
            #expect(clash.status == 2 && clash.stderrText.contains("out/a.txt"), "\(clash.stderrText)")
            #expect(!FileManager.default.fileExists(atPath: dest + "/out/sub/b.txt"), "a refused pull copied nothing")
            try FileManager.default.removeItem(atPath: dest + "/out/a.txt")
            let merged = try await herd.run(["pull", id, "out", dest])
            #expect(merged.status == 0, "\(merged.stderrText)")
            #expect(try String(contentsOfFile: dest + "/out/sub/b.txt", encoding: .utf8) == "new\n")
            #expect(try Self.mode(dest + "/out") == 0o700, "the existing directory's mode changed")
            #expect(try Self.mode(dest + "/out/sub") & 0o002 == 0, "a new directory is not world-writable (umask applies)")
            // Into the existing directory itself (trailing slash): its mode stays too.
            let into = dir.file("into")
            try FileManager.default.createDirectory(atPath: into, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
            #expect(try await herd.run(["pull", id, "out/", into]).status == 0)
            #expect(try Self.mode(into) == 0o750)
            #expect(FileManager.default.fileExists(atPath: into + "/a.txt"))

            // A missing path says so, naming the host and the path, not rsync's last line.
            let missing = try await herd.run(["pull", id, "nope.txt", dest])
            #expect(missing.status == 1)
            #expect(missing.stderrText.contains("no such file or directory") && missing.stderrText.contains("nope.txt")
                && missing.stderrText.contains(host.name), "\(missing.stderrText)")
            #expect(!missing.stderrText.contains("rsync error"), "\(missing.stderrText)")
        }
    }

    @Test func runToADeadHostNamesTheCauseAndRmOfARemovedHostsJobSaysWhatStays() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try await withTestBed(2, prefix: "h4f") { bed in
            let (alive, dead) = (bed.hosts[0], bed.hosts[1])
            let herd = try await RunLeakTests.herd(for: bed, home: dir)
            try "x\n".write(toFile: dir.file("f.txt"), atomically: true, encoding: .utf8)

            try await bed.kill(dead.name)
            let down = try await herd.run(["run", dead.name, "-d", "--", "true"], cwd: dir.path)
            #expect(down.status == 1)
            #expect(down.stderrText.contains("\(dead.name) is unreachable") && down.stderrText.contains("Connection refused"), "\(down.stderrText)")
            #expect(!down.stderrText.contains("rsync error"), "\(down.stderrText)")
            #expect(try await Leftovers.jobs(herd).isEmpty, "a failed run leaves no record")

            // A time that is not today carries its date.
            let reserved = try await herd.run(["reserve", alive.name, "--ram", "1M", "--ttl", "2d", "--force"])
            #expect(reserved.status == 0, "\(reserved.stderrText)")
            let day = ClockTime.text(Date().addingTimeInterval(2 * 86_400)).split(separator: " ").dropLast().joined(separator: " ")
            #expect(!day.isEmpty && reserved.stdoutText.contains("until \(day) "), "\(reserved.stdoutText)")
            #expect(try await herd.run(["reservations"]).stdoutText.contains("\(day) "))

            let r = try await herd.run(["run", alive.name, "-d", "-n", "--", "true"], cwd: dir.path)
            let id = r.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            let row = try await JobLifecycleTests.waitEnded(herd, id, cwd: dir.path)
            let full = try #require(row["id"] as? String)
            #expect(try await herd.run(["host", "rm", alive.name]).status == 0)
            let rm = try await herd.run(["rm", id])
            #expect(rm.status == 0, "\(rm.stderrText)")
            #expect(rm.stderrText.contains("'\(alive.name)' is no longer in the roster"), "\(rm.stderrText)")
            #expect(rm.stderrText.contains("herd-\(id)") && rm.stderrText.contains("~/.herd/workdirs/\(full)")
                && rm.stderrText.contains("~/.herd/jobs/\(full)"), "\(rm.stderrText)")
            #expect(try await Leftovers.jobs(herd).isEmpty)
        }
    }
}
