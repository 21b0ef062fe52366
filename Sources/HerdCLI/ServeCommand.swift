import ArgumentParser
import Foundation
import HerdCore
import HerdServer

/// `herd serve`: the long-lived daemon (HTTP API on a Unix socket and loopback TCP, cached reads, /metrics).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the herd daemon: a JSON API over cached host state, reconciled jobs and reservations.",
        discussion: """
            Listens on $HERD_HOME/herd.sock (mode 0600) and on 127.0.0.1:\(ServerConfig.defaultPort). A --listen address \
            that is not loopback requires 'Authorization: Bearer TOKEN' with the token in $HERD_HOME/serve.token (created \
            0600 when missing). Probes every host each --interval over persistent ssh sessions; each tick also \
            reconciles jobs, so an ended job's reservation goes within one tick. SIGTERM, SIGINT or POST /v1/shutdown \
            stop it cleanly. Only one server runs per $HERD_HOME.
            """)

    @Option(help: "TCP address to listen on, HOST:PORT (default 127.0.0.1:\(ServerConfig.defaultPort)).")
    var listen: String?

    @Flag(name: .customLong("no-tcp"), help: "Listen on the Unix socket only.")
    var noTCP = false

    @Flag(name: .customLong("allow-exec"), help: "Allow POST /v1/run to start jobs (it still needs confirm: \"YES\").")
    var allowExec = false

    @Option(help: "Time between probe rounds (seconds, or 2s, 1m).", transform: DurationOption.seconds)
    var interval: Double = 2

    @Option(help: "How long to wait for each host (seconds, or 10s, 1m).", transform: DurationOption.seconds)
    var timeout: Double = 5

    func validate() throws {
        if noTCP && listen != nil { throw ValidationError("give --listen or --no-tcp, not both") }
        if let listen, ServerConfig.parseListen(listen) == nil {
            throw ValidationError("--listen '\(TerminalText.line(listen))' is not HOST:PORT (e.g. 127.0.0.1:\(ServerConfig.defaultPort))")
        }
        guard interval >= 0.1, interval <= 3600 else { throw ValidationError("--interval must be between 0.1 and 3600 seconds") }
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
    }

    func run() async throws {
        let home = CLIContext().home
        let tcp = noTCP ? nil : (listen.flatMap(ServerConfig.parseListen) ?? ("127.0.0.1", ServerConfig.defaultPort))
        let config = ServerConfig(
            home: home, tcp: tcp, allowExec: allowExec, interval: .milliseconds(Int(interval * 1000)),
            timeout: .milliseconds(Int(timeout * 1000)), version: HerdVersion.current)
        try await HerdServer.run(config) { line in CLIContext.warn(line) }
    }
}
