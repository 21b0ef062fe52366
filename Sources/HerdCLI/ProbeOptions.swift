import ArgumentParser
import HerdEngine

/// Shared flags of commands that probe hosts.
struct ProbeOptions: ParsableArguments {
    @Option(help: "How long to wait for each host (seconds, or 10s, 1m).", transform: DurationOption.seconds)
    var timeout: Double = 5

    @Option(name: .customLong("jobs"), help: "Hosts probed at once.")
    var concurrency: Int = 32

    func validate() throws {
        guard timeout > 0, timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
        guard concurrency >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    var config: RefreshConfig {
        RefreshConfig(concurrency: concurrency, timeout: .milliseconds(Int(timeout * 1000)))
    }
}
