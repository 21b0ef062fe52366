import Foundation
import HerdCore
import HerdRemote

/// Runs one command on many hosts at once (`herd on`): bounded concurrency, a timeout enforced on both ends,
/// output handed over as it arrives, and one `ExecResult` per host. A host that hangs costs only its timeout.
///
/// Each ssh gets a stdin that herd holds open: when herd goes away (Ctrl-C, killed), the remote wrapper sees EOF
/// and ends the command's whole process group. With `input`, herd first writes those bytes on that stdin and the
/// wrapper hands exactly that many to the command (then EOF), still watching for herd's EOF. Each result keeps at most `captureLimit` bytes of stdout and of
/// stderr (the rest is counted and reported in its stderr), so `--group` and `--json` stay bounded.
public struct Fanout: Sendable {
    /// Bytes of each host's stdout (and of its stderr) a result keeps by default: 64 MiB.
    public static let defaultCaptureLimit = 64 << 20

    public let runner: any CommandRunner
    public let options: SSHOptions
    public let ssh: String

    public init(runner: any CommandRunner = ProcessRunner(), options: SSHOptions, ssh: String = Executable.find("ssh") ?? "/usr/bin/ssh") {
        self.runner = runner
        self.options = options
        self.ssh = ssh
    }

    /// Runs `words` on `hosts`, at most `concurrency` at a time. `timeout` (nil: none) applies per host.
    /// `input` (nil or empty: /dev/null) is the stdin every host's command reads, the same bytes for each. `onOutput` gets each chunk with its host; `onFinish` each host's result as it completes.
    public func run(
        _ words: [String], on hosts: [Host], concurrency: Int = 32, timeout: Duration?,
        captureLimit: Int = Fanout.defaultCaptureLimit, input: Data? = nil,
        onOutput: @escaping @Sendable (String, OutputKind, Data) -> Void = { _, _, _ in },
        onFinish: @escaping @Sendable (ExecResult) -> Void = { _ in }
    ) async -> [ExecResult] {
        await BoundedMap.run(hosts, limit: concurrency, onEach: onFinish) { host in
            await runOne(words, on: host, timeout: timeout, captureLimit: captureLimit, input: input, onOutput: onOutput)
        }
    }

    private func runOne(
        _ words: [String], on host: Host, timeout: Duration?, captureLimit: Int, input: Data?,
        onOutput: @escaping @Sendable (String, OutputKind, Data) -> Void
    ) async -> ExecResult {
        let remoteSeconds = timeout.map { Int(($0.seconds).rounded(.up)) } ?? 0
        // The remote watchdog fires first; the local one only catches hosts that stopped answering.
        let localTimeout = timeout.map { $0 + .milliseconds(250) }
        let stdinData = input.flatMap { $0.isEmpty ? nil : $0 }
        let command = RemoteCommand.wrapped(words, timeoutSeconds: remoteSeconds, stopOnEOF: true, stdinBytes: stdinData?.count ?? 0)
        let (exe, args) = HostCommandLine.argv(host, command, options: options, ssh: ssh)
        let runner = self.runner, name = host.name
        let scanner = MarkerLineScanner(RemoteCommand.timeoutMarker)
        let streamOptions = StreamOptions(captureLimit: captureLimit, holdStdin: true)
        do {
            let r = try await ChannelBudget.shared.withChannel(host.ssh) {
                try await runner.stream(
                    exe, args, input: stdinData, timeout: localTimeout, newProcessGroup: host.isLocal, options: streamOptions
                ) { stream, data in
                    if stream == .stderr { scanner.feed(data) }
                    onOutput(name, stream, data)
                }
            }
            var stderr = r.stderrText
            let marked = scanner.found || stderr.contains(RemoteCommand.timeoutMarker)
            let cleaned = marked
                ? stderr.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { $0 != Substring(RemoteCommand.timeoutMarker) }.joined(separator: "\n")
                : stderr
            let timedOut = r.timedOut || marked
            stderr = cleaned
            // A limit of 0 means the caller streams and keeps nothing: nothing to report then.
            for (what, count) in [("stdout", r.stdoutDropped), ("stderr", r.stderrDropped)] where count > 0 && captureLimit > 0 {
                if !stderr.isEmpty && !stderr.hasSuffix("\n") { stderr += "\n" }
                let kept = captureLimit % (1 << 20) == 0 ? "\(captureLimit >> 20) MiB" : "\(captureLimit) bytes"
                stderr += "herd: kept the first \(kept) of \(what); \(count) more bytes dropped\n"
            }
            return ExecResult(
                host: name, status: r.timedOut ? nil : r.status, timedOut: timedOut, stdout: r.stdoutText, stderr: stderr,
                durationMs: r.duration.milliseconds)
        } catch {
            return ExecResult(host: name, status: nil, timedOut: false, stdout: "", stderr: "\(error)\n", durationMs: 0)
        }
    }
}
