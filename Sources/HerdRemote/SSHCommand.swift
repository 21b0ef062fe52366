import HerdCore

/// Builds the argv of an OpenSSH client call. Host-key checking is never turned off and `BatchMode=yes`
/// keeps every call from waiting on a prompt.
public enum SSHCommand {
    /// The arguments (without the program) to run `remoteCommand` on `target`; nil runs no command (`-N`).
    public static func arguments(
        target: SSHTarget, options: SSHOptions, remoteCommand: String?, extra: [String] = []
    ) -> [String] {
        var args = optionArguments(target: target, options: options) + extra
        if remoteCommand == nil { args.append("-N") }
        args.append(target.destination)
        if let remoteCommand { args.append(remoteCommand) }
        return args
    }

    /// The options for `target` alone (config, batch mode, multiplexing, port), without a destination: what
    /// rsync's `-e` takes.
    public static func optionArguments(target: SSHTarget, options: SSHOptions) -> [String] {
        var args: [String] = []
        if let config = options.configFile { args += ["-F", config] }
        args += [
            "-o", "BatchMode=yes",
            "-o", "ConnectTimeout=\(options.connectTimeout)",
            "-o", "ServerAliveInterval=\(options.serverAliveInterval)",
            "-o", "ServerAliveCountMax=3",
        ]
        if let dir = options.controlDir {
            args += [
                "-o", "ControlMaster=auto",
                "-o", "ControlPath=\(dir)/%C",
                "-o", "ControlPersist=\(options.controlPersist)",
            ]
        }
        if let port = target.port { args += ["-p", String(port)] }
        return args
    }

    /// The value of rsync's `-e` that runs `ssh` (a path) with herd's options for `target`. rsync splits it
    /// itself, not through a shell: words are split on spaces; inside '…' or "…" a doubled quote stands for
    /// one and nothing else is special (no backslash escapes). Words with a space or quote are single-quoted.
    public static func rsyncShell(ssh: String, target: SSHTarget, options: SSHOptions) -> String {
        ([ssh] + optionArguments(target: target, options: options)).map { word in
            word.contains(where: { $0 == " " || $0 == "\t" || $0 == "'" || $0 == "\"" }) || word.isEmpty
                ? "'" + word.replacingOccurrences(of: "'", with: "''") + "'" : word
        }.joined(separator: " ")
    }
}
