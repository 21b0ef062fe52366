import Foundation
import HerdCore
import Testing

/// The agent's new probe sections (CPU model, addresses, every disk) parsed as hostile input.
@Suite struct H8HostDetailsParserTests {
    @Test func aWholeProbeCarriesCPUAddressesAndDisks() {
        let text = """
        @@uname
        Linux 6.1.0 x86_64
        @@nproc
        8
        @@tools
         git
        @@cpu
        model name\t: AMD EPYC 7543 32-Core Processor
        @@ipaddr
        1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever
        1: lo    inet6 ::1/128 scope host \\       valid_lft forever preferred_lft forever
        4: eth0@if5    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0\\       valid_lft forever
        4: eth0@if5    inet6 fe80::42:acff:fe11:2/64 scope link \\       valid_lft forever preferred_lft forever
        @@loadavg
        0.10 0.20 0.30 1/100 42
        @@meminfo
        MemTotal: 16000000 kB
        MemAvailable: 8000000 kB
        @@df
        Filesystem 1024-blocks Used Available Capacity Mounted on
        overlay 100000 40000 60000 40% /
        tmpfs 1000 0 1000 0% /dev/shm
        /dev/sdb1 200000 100000 100000 50% /data disk
        tmpfs 0 0 0 0% /mnt/empty
        @@end
        """
        let r = ProbeParser.parse(text)
        #expect(r.problems.isEmpty, "\(r.problems)")
        #expect(r.usage.cpuModel == "AMD EPYC 7543 32-Core Processor")
        #expect(r.usage.addresses == ["eth0": ["192.0.2.2", "fe80::42:acff:fe11:2"]])
        #expect(r.usage.disks?.map(\.mount) == ["/", "/data disk"])
        #expect(r.usage.disk?.mount == "/")
    }

    @Test func hostnameIFallbackAndMacBrandString() {
        #expect(HostDetailsParser.hostAddresses(["10.0.0.5 192.0.2.9 10.0.0.5 fd00::1 "]) == ["*": ["10.0.0.5", "192.0.2.9", "fd00::1"]])
        #expect(HostDetailsParser.cpuModel(["Apple M2 Pro"]) == "Apple M2 Pro")
        #expect(HostDetailsParser.cpuModel(["Hardware\t: BCM2835"]) == "BCM2835")
    }

    @Test func macIfconfig() {
        let lines: [Substring] = [
            "lo0: flags=8049<UP,LOOPBACK,RUNNING,MULTICAST> mtu 16384", "\tinet 127.0.0.1 netmask 0xff000000",
            "\tinet6 ::1 prefixlen 128", "en0: flags=8863<UP,BROADCAST> mtu 1500", "\tether 3c:22:fb:00:00:01",
            "\tinet6 fe80::1c1f:2a3b:4c5d:6e7f%en0 prefixlen 64 secured scopeid 0x6", "\tinet 192.168.1.20 netmask 0xffffff00 broadcast 192.168.1.255",
            "e\u{1b}[2J: flags=1", "\tinet 10.9.9.9 netmask 0xff000000", "utun0: flags=8051<UP> mtu 1380", "\tinet6 fe80::aa%utun0 prefixlen 64",
        ]
        #expect(HostDetailsParser.ifconfigAddresses(lines) == ["en0": ["fe80::1c1f:2a3b:4c5d:6e7f", "192.168.1.20"], "utun0": ["fe80::aa"]])
    }

    @Test(arguments: [
        "model name : evil\u{1b}[2J", "model name : " + String(repeating: "x", count: 500), "", "model name :   ", "bell\u{07}",
    ])
    func hostileCPUModelsAreDropped(_ line: String) {
        #expect(HostDetailsParser.cpuModel([Substring(line)]) == nil)
    }

    @Test func hostileAddressesAreDroppedAndBounded() {
        let lines: [Substring] = [
            "2: e\u{1b}[31m inet 10.0.0.1/8 scope global", "2: eth0 inet 10.0.0.1;rm/8 scope global",
            "2: averyveryverylonginterfacename inet 10.0.0.2/8", "2: eth0 inet 10.0.0.3/8", "garbage", "2: eth0 inet",
        ]
        #expect(HostDetailsParser.ipAddresses(lines) == ["eth0": ["10.0.0.3"]])
        let flood = (0..<1000).map { Substring("2: eth\($0 % 100) inet 10.0.\($0 / 250).\($0 % 250)/8") }
        let many = HostDetailsParser.ipAddresses(flood)
        #expect(many.values.map(\.count).reduce(0, +) <= HostDetailsParser.maxAddresses)
    }

    @Test func disksAreBoundedAndClean() {
        let many = (0..<500).map { DiskUsage(mount: "/m\($0)", total: 10, used: 1, available: 9) }
        #expect(HostDetailsParser.disks(many).count == HostDetailsParser.maxDisks)
        let odd = [DiskUsage(mount: "/a\u{1b}[2J", total: 1, used: 0, available: 1), DiskUsage(mount: "rel", total: 1, used: 0, available: 1),
                   DiskUsage(mount: "/proc/x", total: 1, used: 0, available: 1), DiskUsage(mount: "/ok", total: 1, used: 0, available: 1)]
        #expect(HostDetailsParser.disks(odd).map(\.mount) == ["/ok"])
    }

    /// A timed-out df leaves no disk list; a timed-out cpu or address step is a reason, and the probe goes on.
    @Test func timeoutsOfTheNewStepsAreReasons() {
        let text = "@@timeout cpu 3\n@@timeout addresses 3\n@@uname\nLinux 6 x\n@@cpu\n\n@@ipaddr\n\n@@loadavg\n0 0 0 1/1 1\n@@meminfo\nMemTotal: 1000 kB\nMemAvailable: 500 kB\n@@df\n@@timeout df 3\n@@end\n"
        let r = ProbeParser.parse(text)
        #expect(r.problems.contains("cpu: timed out after 3s") && r.problems.contains("addresses: timed out after 3s"))
        #expect(r.usage.disks == nil && r.usage.cpuModel == nil && r.usage.addresses?.isEmpty != false)
    }
}
