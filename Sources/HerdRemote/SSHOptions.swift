/// How herd calls OpenSSH: config file, ControlMaster socket directory and timeouts.
public struct SSHOptions: Sendable, Equatable {
    /// An ssh_config to use instead of the user's (`-F`); from `$HERD_SSH_CONFIG`. Nil: ssh's own defaults.
    public var configFile: String?
    /// The directory of ControlPath sockets (`$HERD_HOME/ctl`); nil turns multiplexing off.
    public var controlDir: String?
    /// Seconds to wait for the TCP connect and handshake.
    public var connectTimeout: Int
    /// How long an idle ControlMaster stays up after its last client (ssh's `ControlPersist`).
    public var controlPersist: String
    /// Seconds between keep-alives on an open connection; three missed ones drop it.
    public var serverAliveInterval: Int

    public init(
        configFile: String? = nil, controlDir: String? = nil, connectTimeout: Int = 5,
        controlPersist: String = "10m", serverAliveInterval: Int = 5
    ) {
        self.configFile = configFile
        self.controlDir = controlDir
        self.connectTimeout = connectTimeout
        self.controlPersist = controlPersist
        self.serverAliveInterval = serverAliveInterval
    }

    /// Options with ControlPath sockets in `controlDir` (HerdStore's `HerdHome.controlDir`), taking
    /// `HERD_SSH_CONFIG` from `environment`.
    public static func standard(controlDir: String, environment: [String: String]) -> SSHOptions {
        SSHOptions(
            configFile: environment["HERD_SSH_CONFIG"].flatMap { $0.isEmpty ? nil : $0 },
            controlDir: controlDir
        )
    }
}
