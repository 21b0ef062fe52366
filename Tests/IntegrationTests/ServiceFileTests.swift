import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// docs/service: the systemd user unit passes `systemd-analyze verify` (or, where that tool is missing, a parser
/// of its sections and keys) with no warning, and the launchd plist is a valid property list; both start
/// `herd serve`, which the built binary accepts.
@Suite(.timeLimit(.minutes(1))) struct ServiceFileTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/service").standardized.path

    @Test func systemdUnitVerifies() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let text = try String(contentsOfFile: Self.docs + "/herd.service", encoding: .utf8)
        // verify checks that ExecStart's program exists: point it at the built binary.
        let unit = dir.file("herd.service")
        try text.replacingOccurrences(of: "/usr/local/bin/herd", with: HerdBinary.path).write(toFile: unit, atomically: true, encoding: .utf8)
        if let tool = Executable.find("systemd-analyze") {
            let r = try await ProcessRunner().run(tool, ["verify", unit], input: nil, timeout: .seconds(30))
            #expect(r.status == 0 && r.stderrText.isEmpty && r.stdoutText.isEmpty, "\(r.stdoutText)\(r.stderrText)")
        }
        // The same file read by a parser of unit syntax: known sections, KEY=VALUE lines, the keys systemd knows.
        let known: [String: Set<String>] = [
            "Unit": ["Description", "After", "Wants", "Documentation"],
            "Service": ["Type", "ExecStart", "KillSignal", "TimeoutStopSec", "Restart", "RestartSec", "UMask", "Environment"],
            "Install": ["WantedBy"],
        ]
        var section = ""
        var execStart: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                section = String(line.dropFirst().dropLast())
                #expect(known[section] != nil && line.hasSuffix("]"), "unknown section \(line)")
                continue
            }
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            #expect(parts.count == 2 && known[section]?.contains(parts[0]) == true, "bad line in [\(section)]: \(line)")
            if parts.count == 2, parts[0] == "ExecStart" { execStart = parts[1].split(separator: " ").map(String.init) }
        }
        #expect(execStart == ["/usr/local/bin/herd", "serve"])
        let help = try await ProcessRunner().run(HerdBinary.path, ["serve", "--help"], input: nil, timeout: .seconds(20))
        #expect(help.status == 0 && help.stdoutText.contains("--listen"))
    }

    @Test func launchdPlistParses() async throws {
        let path = Self.docs + "/dev.herd.serve.plist"
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let plist = try PropertyListSerialization.propertyList(from: data, options: [], format: nil) as? [String: Any] ?? [:]
        #expect(plist["Label"] as? String == "dev.herd.serve")
        #expect(plist["ProgramArguments"] as? [String] == ["/usr/local/bin/herd", "serve"])
        #expect(plist["RunAtLoad"] as? Bool == true && plist["Umask"] as? Int == 0o077)
        #expect((plist["KeepAlive"] as? [String: Any])?["SuccessfulExit"] as? Bool == false)
        if let plutil = Executable.find("plutil") {
            let r = try await ProcessRunner().run(plutil, ["-lint", path], input: nil, timeout: .seconds(20))
            #expect(r.status == 0, "\(r.stdoutText)\(r.stderrText)")
        }
    }
}
