/// Caps the ssh channels herd opens to one host at once (default 8: sshd's `MaxSessions` is 10 per
/// connection, and every call to a host shares its ControlMaster connection). Callers over the cap wait.
public actor ChannelBudget {
    /// The budget every prober and fan-out in this process shares.
    public static let shared = ChannelBudget(perHost: 8)

    public let perHost: Int
    private var inUse: [String: Int] = [:]
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    public init(perHost: Int) { self.perHost = max(1, perHost) }

    /// Runs `body` holding one of `host`'s channels.
    public func withChannel<T: Sendable>(_ host: String, _ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire(host)
        do {
            let r = try await body()
            release(host)
            return r
        } catch {
            release(host)
            throw error
        }
    }

    /// Channels of `host` in use now.
    public func used(_ host: String) -> Int { inUse[host, default: 0] }

    private func acquire(_ host: String) async {
        if inUse[host, default: 0] < perHost {
            inUse[host, default: 0] += 1
            return
        }
        await withCheckedContinuation { waiters[host, default: []].append($0) }
    }

    private func release(_ host: String) {
        if var w = waiters[host], !w.isEmpty {
            let next = w.removeFirst()
            waiters[host] = w.isEmpty ? nil : w
            next.resume()  // the permit passes straight to the next waiter
        } else {
            inUse[host, default: 0] -= 1
            if inUse[host] == 0 { inUse[host] = nil }
        }
    }
}
