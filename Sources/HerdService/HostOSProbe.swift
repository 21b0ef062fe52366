import HerdCore
import HerdRemote

/// `herd host add`'s OS probe (as pool's add does): one `uname -s` over the normal ssh options, bounded so that
/// adding a host that is down or slow never waits long. The answer is hostile text: only a short plain word counts.
public enum HostOSProbe {
    /// How long `herd host add` waits for the answer.
    public static let bound: Duration = .seconds(3)

    /// The OS family ("linux", "macos", or uname's sysname lowercased), or why it is unknown.
    public static func probe(_ host: Host, options: SSHOptions, bound: Duration = bound, ssh: String = Executable.find("ssh") ?? "/usr/bin/ssh") async -> Result<String, HerdError> {
        let args = SSHCommand.arguments(target: host.target, options: options, remoteCommand: "uname -s")
        do {
            let r = try await ProcessRunner().run(ssh, args, input: nil, timeout: bound)
            if r.timedOut { return .failure(.invalidInput("host did not answer within \(bound.formattedSeconds)")) }
            guard r.status == 0 else {
                let reason = r.stderrText.split(separator: "\n").last.map { TerminalText.line(String($0)) } ?? "ssh exited \(r.status)"
                return .failure(.invalidInput(reason))
            }
            return OSName.fromUname(r.stdoutText).map { .success($0) } ?? .failure(.invalidInput("unexpected answer to uname -s"))
        } catch {
            return .failure(.invalidInput("\(error)"))
        }
    }
}
