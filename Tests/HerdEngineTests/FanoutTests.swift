import Foundation
import HerdCore
import HerdEngine
import HerdRemote
import Testing

/// The fan-out on the local host (the wrapper runs under /bin/sh exactly as it does remotely).
@Suite(.timeLimit(.minutes(1))) struct FanoutTests {
    static let local = Host.local(os: "linux")

    @Test(arguments: [
        ["printf", "%s\\n", "a b", "$HOME", ";"],
        ["printf", "<%s>\\n", "it's", "\"quoted\"", "back\\slash", "new\nline", "ünïcødé ✓", "*", "$(id)", "`id`", "", "  spaced  "],
    ])
    func wordsArriveExactlyAsTyped(_ words: [String]) async {
        let r = await Fanout(options: SSHOptions()).run(words, on: [Self.local], timeout: .seconds(10))
        let expected = words.dropFirst(2).map { words[1].hasPrefix("<") ? "<\($0)>\n" : "\($0)\n" }.joined()
        #expect(r.first?.stdout == expected)
        #expect(r.first?.status == 0)
    }

    @Test func timeoutKillsTheWholeCommandAndReportsIt() async throws {
        let marker = "herd-fanout-test-\(UUID().uuidString.prefix(8))"
        let start = ContinuousClock.now
        let r = await Fanout(options: SSHOptions()).run(
            ["sh -c 'sleep 30; echo never' \(marker) & sleep 30 # \(marker)"], on: [Self.local], timeout: .seconds(1))
        #expect(ContinuousClock.now - start < .seconds(3))
        #expect(r.first?.timedOut == true)
        #expect(r.first?.stderr.contains(RemoteCommand.timeoutMarker) == false)
        try await Task.sleep(for: .milliseconds(1500))
        let left = try await ProcessRunner().run("/usr/bin/pgrep", ["-f", marker], input: nil, timeout: .seconds(5))
        #expect(left.stdoutText.isEmpty, "left behind: \(left.stdoutText)")
    }

    @Test func streamsOutputAndCountsExitCodes() async {
        let chunks = Chunks()
        let r = await Fanout(options: SSHOptions()).run(
            ["echo one; echo two >&2; exit 7"], on: [Self.local], timeout: nil,
            onOutput: { _, kind, data in chunks.add(kind, data) })
        #expect(r.first?.status == 7 && r.first?.timedOut == false)
        #expect(chunks.text(.stdout) == "one\n" && chunks.text(.stderr) == "two\n")
        #expect(!ExecSummary(r).allSucceeded)
    }
}

/// Collects streamed output (thread-safe).
final class Chunks: @unchecked Sendable {
    private let lock = NSLock()
    private var data: [OutputKind: Data] = [:]
    func add(_ k: OutputKind, _ d: Data) { lock.lock(); data[k, default: Data()].append(d); lock.unlock() }
    func text(_ k: OutputKind) -> String { lock.lock(); defer { lock.unlock() }; return String(decoding: data[k] ?? Data(), as: UTF8.self) }
}
