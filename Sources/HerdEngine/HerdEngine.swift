/// The engine layer: actors that drive the fleet (refresh rounds, fan-out, clean, jobs, placement).
///
/// Empty until the refresh engine lands (issue 3); the dashboard and the CLI will both call into it.
public enum HerdEngine {}
