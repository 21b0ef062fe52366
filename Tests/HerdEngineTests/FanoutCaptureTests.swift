import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import Testing

/// What a fan-out result keeps: bounded capture, the timeout found in the stream, stop on EOF.
@Suite(.timeLimit(.minutes(1))) struct FanoutCaptureTests {
    static let local = Host.local(os: "linux")

    @Test func captureStopsAtTheLimitAndSaysHowMuchWasDropped() async {
        let chunks = Chunks()
        let r = await Fanout(options: SSHOptions()).run(
            ["head -c 300000 /dev/zero"], on: [Self.local], timeout: .seconds(20), captureLimit: 100_000,
            onOutput: { _, kind, data in chunks.add(kind, data) })
        #expect(r.first?.status == 0)
        #expect(r.first?.stdout.utf8.count == 100_000)
        #expect(r.first?.stderr == "herd: kept the first 100000 bytes of stdout; 200000 more bytes dropped\n")
        // Streaming is never cut.
        #expect(chunks.text(.stdout).utf8.count == 300_000)
    }

    @Test func aTimeoutIsSeenEvenWhenNothingIsKept() async {
        let r = await Fanout(options: SSHOptions()).run(
            ["echo before >&2; sleep 20"], on: [Self.local], timeout: .seconds(1), captureLimit: 0)
        #expect(r.first?.timedOut == true)
        #expect(r.first?.stderr == "", "a caller that streams keeps nothing and is told nothing")
    }

    @Test func wrapperTakesTheStopOnEOFArgument() {
        #expect(RemoteCommand.wrapped(["true"], timeoutSeconds: 0, stopOnEOF: true).hasSuffix(" 1"))
        #expect(RemoteCommand.wrapped(["true"], timeoutSeconds: 0).hasSuffix(" 0"))
    }

    /// The wrapper with stdin held open by the caller: closing it (herd gone) ends the command's whole group.
    @Test func closingStdinEndsTheWrappedCommand() async throws {
        let marker = "herd-eof-test-\(UUID().uuidString.prefix(8))"
        let child = try ChildProcess.spawn(
            "/bin/sh", ["-c", RemoteCommand.wrapped(["sleep 30 & sleep 30 # \(marker)"], timeoutSeconds: 0, stopOnEOF: true)],
            pipeStdin: true, newProcessGroup: true)
        defer { child.closeOutputs() }
        let clock = ContinuousClock()
        var start = clock.now
        while clock.now - start < .seconds(5) {
            let found = try await ProcessRunner().run("/usr/bin/pgrep", ["-f", marker], input: nil, timeout: .seconds(5))
            if !found.stdoutText.isEmpty { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        start = clock.now
        child.closeStdin()
        var status: Int32?
        while status == nil && clock.now - start < .seconds(3) {
            status = child.reapIfExited()
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(status == 129, "the wrapper ends at EOF")
        var left = "?"
        while clock.now - start < .seconds(3) {
            left = try await ProcessRunner().run("/usr/bin/pgrep", ["-f", marker], input: nil, timeout: .seconds(5)).stdoutText
            if left.isEmpty { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(left.isEmpty, "left behind: \(left)")
    }
}
