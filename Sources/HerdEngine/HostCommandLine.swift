import HerdCore
import HerdRemote

/// The program and arguments that run a shell command line on a host: through ssh with herd's options, or under
/// /bin/sh for the local machine (no ssh). Every remote call of the engine goes through here.
enum HostCommandLine {
    static func argv(_ host: Host, _ commandLine: String, options: SSHOptions, ssh: String, extra: [String] = []) -> (String, [String]) {
        if host.isLocal { return ("/bin/sh", ["-c", commandLine]) }
        return (ssh, SSHCommand.arguments(target: host.target, options: options, remoteCommand: commandLine, extra: extra))
    }
}
