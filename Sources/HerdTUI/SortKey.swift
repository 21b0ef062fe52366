import HerdCore

/// Sort keys of the host table beyond load, RAM and disk: GPU use and trouble. Higher sorts first.
enum SortKey {
    static func value(_ s: HostState, _ sort: AppState.Sort) -> Double {
        switch sort {
        case .gpu:
            // Busy GPUs first, then idle GPUs, then hosts without GPUs (or not answering).
            guard s.status.isUp, let u = s.usage, !u.gpus.isEmpty else { return -1 }
            return u.gpuUtilization ?? 0
        case .status:
            // Trouble first: down, error, partial, pending, then hosts that answered fully.
            switch s.status {
            case .unreachable: return 4
            case .error: return 3
            case .partial: return 2
            case .pending: return 1
            case .complete: return 0
            }
        default:
            return 0
        }
    }

    /// Whether the header marker for `sort` points down (highest first) when not reversed.
    static func descending(_ sort: AppState.Sort, reversed: Bool) -> Bool {
        (sort != .name) != reversed
    }
}
