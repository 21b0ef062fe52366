/// How a launch (`JobService.start`) ended.
public enum LaunchOutcome: Sendable {
    /// The job runs. `warning`: its record could not be marked running (it shows `launching` until a
    /// reconciliation finds it running).
    case started(warning: String?)
    /// `LaunchInterruption.cancel()` came first: the job was not started; `problems` lists what could not be
    /// removed again (one line each; empty when nothing is left behind).
    case interrupted(problems: [String])
    /// The sync or the launch failed with `error`; what it left was removed, but for `problems`.
    case failed(error: any Error, problems: [String])
}
