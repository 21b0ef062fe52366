import Foundation
import Hummingbird
import NIOCore
#if canImport(Glibc)
import Glibc
#endif

/// The request context of `herd serve`: Hummingbird's core storage plus the connection, so handlers and
/// middleware can tell the Unix socket from TCP and name the client.
struct ServerRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel
    /// Who sent a mutating request (set by `GuardMiddleware` before the handler runs; nil for reads).
    var clientName: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Bodies are read with their own bound (`ServerConfig.maxBody`); this caps Hummingbird's decoding as well.
    var maxUploadSize: Int { 64 * 1024 }

    /// Whether the request came over TCP (not the Unix socket).
    var isTCP: Bool {
        switch channel.localAddress {
        case .v4?, .v6?: return true
        default: return false
        }
    }

    /// Who sent the request, for the audit log: `uid:N,pid:P` from the socket peer's credentials (SO_PEERCRED),
    /// or `tcp:ADDRESS:PORT`.
    func client() async -> String {
        if isTCP {
            guard let a = channel.remoteAddress else { return "tcp:?" }
            return "tcp:\(a.ipAddress ?? "?"):\(a.port ?? 0)"
        }
        #if os(Linux)
        guard let provider = channel as? any SocketOptionProvider else { return "unix:?" }
        do {
            let cred: PeerCredentials = try await provider.unsafeGetSocketOption(
                level: NIOBSDSocket.OptionLevel.socket, name: NIOBSDSocket.Option(rawValue: SO_PEERCRED)
            ).get()
            return "uid:\(cred.uid),pid:\(cred.pid)"
        } catch {
            return "unix:?"
        }
        #else
        return "unix"
        #endif
    }
}

/// The layout of Linux's `struct ucred` (SO_PEERCRED), which Swift's Glibc module does not expose without _GNU_SOURCE.
struct PeerCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
