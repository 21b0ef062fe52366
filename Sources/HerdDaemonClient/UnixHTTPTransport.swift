import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One HTTP/1.1 exchange over a Unix stream socket with POSIX calls: connect within `connectTimeout`, send the
/// request, read the response within `timeout` (counted from the start) and at most `bodyLimit` bytes of body.
/// Blocking, so it runs on a Dispatch thread (never on the cooperative pool); see docs/DECISIONS.md for why herd
/// does not use AsyncHTTPClient here.
public struct UnixHTTPTransport: Sendable {
    public let socketPath: String
    public var connectTimeout: Duration
    public var timeout: Duration

    public init(socketPath: String, connectTimeout: Duration = .milliseconds(200), timeout: Duration = .seconds(2)) {
        self.socketPath = socketPath
        self.connectTimeout = connectTimeout
        self.timeout = timeout
    }

    /// Sends `method path` with an optional JSON body and returns the whole response, off the caller's thread.
    public func send(_ method: String, _ path: String, json body: Data? = nil, bodyLimit: Int) async throws(DaemonError) -> HTTPReply {
        let result: Result<HTTPReply, DaemonError> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                do throws(DaemonError) {
                    continuation.resume(returning: .success(try exchange(method, path, body: body, bodyLimit: bodyLimit)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }

    /// The blocking exchange.
    public func exchange(_ method: String, _ path: String, body: Data?, bodyLimit: Int) throws(DaemonError) -> HTTPReply {
        let start = ContinuousClock.now
        let deadline = start + timeout
        let fd = try openConnection(deadline: min(deadline, start + connectTimeout))
        defer { close(fd) }
        var request = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAccept: application/json\r\n"
        if let body { request += "Content-Type: application/json\r\nContent-Length: \(body.count)\r\n" } else if method != "GET" {
            request += "Content-Length: 0\r\n"
        }
        var bytes = Array((request + "\r\n").utf8)
        if let body { bytes += body }
        try writeAll(fd, bytes, deadline: deadline)
        var reader = HTTPResponseReader(bodyLimit: bodyLimit)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            try wait(fd, for: Int16(POLLIN), until: deadline, phase: "answer")
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                // A daemon that closes right after its answer can reset the connection: what arrived still counts.
                if errno == ECONNRESET { return try reader.finish() }
                throw .io("reading from the daemon: \(String(cString: strerror(errno)))")
            }
            if n == 0 { return try reader.finish() }
            if try reader.feed(chunk[..<n]) { return try reader.finish() }
        }
    }

    private func openConnection(deadline: ContinuousClock.Instant) throws(DaemonError) -> Int32 {
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(socketPath.utf8)
        let capacity = MemoryLayout.size(ofValue: addr.sun_path)
        guard pathBytes.count < capacity else { throw .io("the socket path \(socketPath) is longer than \(capacity - 1) bytes") }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: pathBytes)
            raw[pathBytes.count] = 0
        }
        #if canImport(Glibc)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_UNIX, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw .io("socket(): \(String(cString: strerror(errno)))") }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        while true {
            let rc = withUnsafePointer(to: &addr) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { sysConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            if rc == 0 { return fd }
            let err = errno
            switch err {
            case EINTR:
                continue
            case ENOENT:
                close(fd)
                throw .notRunning("no daemon running (no socket at \(socketPath))")
            case ECONNREFUSED:
                close(fd)
                throw .notRunning("no daemon running (nothing listens on \(socketPath): a stale socket file)")
            case EAGAIN, EINPROGRESS:
                // The daemon's accept queue is full: it is alive but busy. Retry until the connect bound.
                if ContinuousClock.now >= deadline {
                    close(fd)
                    throw .timeout("the daemon did not accept a connection within \(connectTimeout)")
                }
                usleep(5000)
            default:
                close(fd)
                throw .io("connecting to \(socketPath): \(String(cString: strerror(err)))")
            }
        }
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8], deadline: ContinuousClock.Instant) throws(DaemonError) {
        var sent = 0
        while sent < bytes.count {
            try wait(fd, for: Int16(POLLOUT), until: deadline, phase: "request")
            let n = bytes[sent...].withUnsafeBytes { sysSend(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw .io("writing to the daemon: \(String(cString: strerror(errno)))")
            }
            sent += n
        }
    }

    /// Waits until `fd` is ready for `events`, or throws a timeout naming `phase` once `deadline` passes.
    private func wait(_ fd: Int32, for events: Int16, until deadline: ContinuousClock.Instant, phase: String) throws(DaemonError) {
        while true {
            let left = deadline - ContinuousClock.now
            let ms = left <= .zero ? 0 : Int32(min(Double(Int32.max), (Double(left.components.seconds) * 1000 + Double(left.components.attoseconds) / 1e15).rounded(.up)))
            if ms <= 0 { throw .timeout("the daemon gave no complete \(phase) within \(timeout)") }
            var p = pollfd(fd: fd, events: events, revents: 0)
            let rc = poll(&p, 1, ms)
            if rc > 0 { return }
            if rc < 0, errno != EINTR { throw .io("poll(): \(String(cString: strerror(errno)))") }
        }
    }
}

/// connect(2), under a name the transport's methods do not shadow.
private func sysConnect(_ fd: Int32, _ addr: UnsafePointer<sockaddr>, _ len: socklen_t) -> Int32 {
    connect(fd, addr, len)
}

/// send(2) without SIGPIPE where the platform allows (herd ignores SIGPIPE anyway).
private func sysSend(_ fd: Int32, _ buf: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    return send(fd, buf, count, Int32(MSG_NOSIGNAL))
    #else
    return send(fd, buf, count, 0)
    #endif
}
