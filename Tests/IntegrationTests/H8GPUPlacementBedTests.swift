import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// GPU-aware placement against real probes: two test-bed hosts whose login shell puts a fake `nvidia-smi` first on
/// PATH, one with a single GPU 97% busy and 2 GB free, one with two idle A100s. `herd place --gpu` ranks the idle
/// host first with its reasons; `herd snapshot --json` carries the CPU model, addresses and disks of each host.
@Suite(.timeLimit(.minutes(3))) struct H8GPUPlacementBedTests {
    /// Writes a fake `nvidia-smi` printing `csv` into `dir` and returns a login shell that puts it first on PATH.
    static func fakeGPU(_ csv: String, in dir: String) throws -> String {
        let bin = "\(dir)/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let files = [
            "bin/nvidia-smi": "#!/bin/sh\nprintf '%s\\n' '\(csv.replacingOccurrences(of: "\n", with: "' '"))'\n",
            "shell": "#!/bin/sh\nPATH=\(bin):$PATH\nexport PATH\nexec /bin/sh \"$@\"\n",
        ]
        for (name, body) in files {
            try body.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "\(dir)/\(name)")
        }
        for d in [dir, bin] { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: d) }
        return "\(dir)/shell"
    }

    @Test func theIdleGPUHostRanksFirstWithReasons() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        try await withTestBed(2, prefix: "h8a") { bed in
            // nvidia-smi's csv,noheader,nounits: index, name, utilization %, memory used MiB, memory total MiB.
            try await bed.shell("h8a01", try Self.fakeGPU("0, NVIDIA A100-SXM4-80GB, 97, 79872, 81920", in: dir.file("busy")))
            try await bed.shell("h8a02", try Self.fakeGPU("0, NVIDIA A100-SXM4-80GB, 0, 0, 81920\n1, NVIDIA A100-SXM4-80GB, 0, 0, 81920", in: dir.file("idle")))
            let herd = HerdBinary(home: dir.file("home"), environment: ["HERD_SSH_CONFIG": bed.sshConfig])
            for h in bed.hosts { #expect(try await herd.run(["host", "add", h.name, h.name]).status == 0) }

            let text = try await herd.run(["place", "--gpu"])
            #expect(text.status == 0, "\(text.stderrText)")
            #expect(text.stdoutText.contains("chosen: h8a02 (remote, fit "), "\(text.stdoutText)")
            #expect(text.stdoutText.contains("2 free GPU(s) of 2 (+25 GPU)"), "\(text.stdoutText)")
            #expect(text.stdoutText.contains("GPU 0 NVIDIA A100-SXM4-80GB: 97% busy, 2.0G free of 80G"), "\(text.stdoutText)")
            #expect(text.stdoutText.contains("(remote, no fit)"), "\(text.stdoutText)")

            let json = try await herd.run(["place", "--gpu", "--format", "json"])
            let doc = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any], "\(json.stdoutText)")
            let hosts = try #require(doc["hosts"] as? [[String: Any]])
            #expect(hosts.map { $0["host"] as? String } == ["h8a02", "h8a01"])
            #expect(hosts.map { $0["fits"] as? Bool } == [true, false])
            #expect(hosts.allSatisfy { $0["local"] as? Bool == false })
            #expect((hosts[1]["reasons"] as? [String])?.first == "needs 1 GPU(s), 0 free of 1 (free: under 10% busy, 1.0G memory free)")

            // Two GPUs with 90G free each: neither host has them.
            let big = try await herd.run(["place", "--gpu", "2", "--gpu-mem", "90G"])
            #expect(big.status == 1 && big.stdoutText.contains("no host fits"), "\(big.stdoutText)")
            let badSize = try await herd.run(["place", "--gpu", "--gpu-mem", "90"])
            #expect(badSize.status == 2 && badSize.stderrText.contains("--gpu-mem"), "\(badSize.stderrText)")

            // A reservation shows as reserved_ram on the host and in the totals.
            #expect(try await herd.run(["reserve", "h8a02", "--ram", "1G"]).status == 0)
            let snap = try await herd.run(["snapshot", "--json"])
            let s = try #require(try JSONSerialization.jsonObject(with: snap.stdout) as? [String: Any], "\(snap.stdoutText)")
            let rows = try #require(s["hosts"] as? [[String: Any]])
            #expect(rows.map { ($0["reserved_ram"] as? NSNumber)?.uint64Value } == [0, 1 << 30])
            #expect(((s["aggregates"] as? [String: Any])?["reserved_ram"] as? NSNumber)?.uint64Value == 1 << 30)
            for row in rows {
                let usage = try #require(row["usage"] as? [String: Any], "\(row)")
                #expect((usage["cpu_model"] as? String)?.isEmpty == false, "\(usage)")
                let addresses = try #require(usage["addresses"] as? [String: [String]], "\(usage)")
                #expect(!addresses.isEmpty && addresses["lo"] == nil)
                let disks = try #require(usage["disks"] as? [[String: Any]], "\(usage)")
                #expect(disks.contains { $0["mount"] as? String == "/" })
                #expect(!disks.contains { ($0["mount"] as? String)?.hasPrefix("/proc") == true })
            }
            #expect(row0Busy(rows))
        }
    }

    /// The busy host's GPU figures arrive as nvidia-smi gave them.
    private func row0Busy(_ rows: [[String: Any]]) -> Bool {
        let gpus = ((rows.first?["usage"] as? [String: Any])?["gpus"] as? [[String: Any]]) ?? []
        return gpus.count == 1 && (gpus.first?["util"] as? Double) == 97
    }
}
