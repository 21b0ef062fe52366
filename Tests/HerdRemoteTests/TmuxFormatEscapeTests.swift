import Foundation
import HerdRemote
import Testing

/// tmux runs `#(…)` in a status line as a shell command: the job agent doubles every `#` of the job's command (and
/// of the host name) in the formats it sets, so that tmux shows the text and runs nothing.
@Suite(.serialized, .timeLimit(.minutes(1))) struct TmuxFormatEscapeTests {
    @Test func aJobCommandWithHashParenIsShownNotRun() async throws {
        let tmuxPath = try #require(Executable.find("tmux"), "tmux is installed by make test")
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("herd-tmuxesc-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let pwned = "\(home)/p"
        let env = ["HOME": home, "TMUX_TMPDIR": home]
        let tmux = { (args: [String]) in try await ProcessRunner(environment: env).run(tmuxPath, args, input: nil, timeout: .seconds(10)) }

        // The status line shows the command's first 40 bytes: short enough to be shown whole.
        let command = "#(touch $HOME/p) #{pane_pid} ##"
        let launch = try await ProcessRunner(environment: env).run(
            "/bin/sh", ["-c", JobAgent.source, "herd-job-agent", "launch", "0123abcd-uuid", "0123abcd", "~/x", command], input: nil, timeout: .seconds(10))
        #expect(launch.stdoutText.contains("@@launched"), "\(launch.stderrText)")

        let right = try await tmux(["show-options", "-v", "-t", "herd-0123abcd", "status-right"]).stdoutText
        #expect(right.hasPrefix("##(touch $HOME/p) ##{pane_pid} ####"), "\(right)")
        // Expanding the status line as tmux draws it gives back the command's text, '#' and all: no part of it was
        // taken as a job or a variable (a job would have been replaced by its output, `#{pane_pid}` by a number).
        let shown = try await tmux(["display-message", "-p", "-t", "herd-0123abcd", right.trimmingCharacters(in: .newlines)]).stdoutText
        #expect(shown.hasPrefix(command), "\(shown)")
        try await Task.sleep(for: .milliseconds(500))
        #expect(!FileManager.default.fileExists(atPath: pwned), "the job's #(…) ran")
        _ = try await tmux(["kill-server"])
    }
}
