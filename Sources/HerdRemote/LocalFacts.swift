import Foundation
import HerdCore
#if canImport(Glibc)
import Glibc
#endif

/// Gathers `Facts` about the machine herd runs on, without ssh: the agent's probe run locally, plus
/// `/proc/cpuinfo`, PSI, `df -Pk -l`, interface addresses and tools on PATH.
public enum LocalFacts {
    public static func gather(runner: any CommandRunner = ProcessRunner(environment: ["LC_ALL": "C"])) async -> Facts {
        var facts = Facts(hostname: ProcessInfo.processInfo.hostName)
        if let r = try? await runner.run("/bin/sh", ["-c", AgentScript.source, "herd-agent", "probe"], input: nil, timeout: .seconds(20)) {
            let u = ProbeParser.parse(r.stdoutText).usage
            facts.os = u.os
            facts.kernel = u.kernel
            facts.arch = u.arch
            facts.cores = u.cpus
            facts.memTotal = u.memTotal
            facts.memAvailable = u.memAvailable
            facts.gpus = u.gpus
        }
        if let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) {
            facts.cpuModel = Facts.cpuModel(fromCPUInfo: cpuinfo)
        }
        if let psi = try? String(contentsOfFile: "/proc/pressure/memory", encoding: .utf8) {
            facts.memPressure = Plausible.within(Facts.memoryPressure(fromPSI: psi), Plausible.percent)
        }
        let excluded = ["tmpfs", "devtmpfs", "squashfs", "overlay", "efivarfs"].flatMap { ["-x", $0] }
        if let df = Executable.find("df"),
            let r = try? await runner.run(df, ["-Pk", "-l"] + excluded, input: nil, timeout: .seconds(10))
        {
            facts.disks = DFParser.parse(r.stdoutText.split(separator: "\n")).disks
        }
        facts.addresses = interfaceAddresses()
        for tool in Facts.toolNames {
            if let path = Executable.find(tool) { facts.tools[tool] = path }
        }
        return facts
    }

    /// Non-loopback IPv4 and IPv6 addresses by interface.
    static func interfaceAddresses() -> [String: [String]] {
        var out: [String: [String]] = [:]
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return out }
        defer { freeifaddrs(list) }
        var cursor: UnsafeMutablePointer<ifaddrs>? = first
        while let p = cursor {
            defer { cursor = p.pointee.ifa_next }
            guard let sa = p.pointee.ifa_addr else { continue }
            let family = Int32(sa.pointee.sa_family)
            guard family == AF_INET || family == AF_INET6 else { continue }
            if (p.pointee.ifa_flags & UInt32(IFF_LOOPBACK)) != 0 { continue }
            var buf = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            let len = socklen_t(family == AF_INET ? MemoryLayout<sockaddr_in>.size : MemoryLayout<sockaddr_in6>.size)
            guard getnameinfo(sa, len, &buf, socklen_t(buf.count), nil, 0, NI_NUMERICHOST) == 0 else { continue }
            let name = String(cString: p.pointee.ifa_name)
            let addr = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            out[name, default: []].append(addr)
        }
        return out
    }
}
