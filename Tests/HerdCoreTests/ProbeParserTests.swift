import Foundation
import HerdCore
import Testing

@Suite struct ProbeParserTests {
    static func fixture(_ name: String) throws -> String {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/probe/\(name)", withExtension: nil))
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    @Test func linuxWithFourGPUs() throws {
        let r = ProbeParser.parse(try Self.fixture("linux-4gpu.txt"))
        #expect(r.problems.isEmpty)
        let u = r.usage
        #expect(u.os == "linux" && u.kernel == "5.15.0-122-generic" && u.arch == "x86_64")
        #expect(u.cpus == 64)
        #expect(u.load == [12.47, 10.03, 8.91])
        #expect(u.memTotal == 528_197_408 * 1024)
        #expect(u.memAvailable == 301_234_567 * 1024)
        #expect(u.disk == DiskUsage(mount: "/", total: 1_921_724_608 * 1024, used: 1_632_483_712 * 1024, available: 191_407_424 * 1024))
        #expect(u.disk?.percentUsed == 90)
        #expect(u.gpus.count == 4)
        #expect(u.gpus[0] == GPUUsage(index: 0, name: "NVIDIA A100-SXM4-80GB", utilization: 97, memUsed: 71234 << 20, memTotal: 81920 << 20))
        #expect(u.gpus[3].utilization == nil && u.gpus[3].memUsed == nil && u.gpus[3].memTotal == 81920 << 20)
        #expect(u.gpuUtilization == 64)
    }

    @Test func linuxWithoutGPUFromThisMachine() throws {
        let r = ProbeParser.parse(try Self.fixture("linux-nogpu.txt"))
        #expect(r.problems.isEmpty)
        #expect(r.usage.gpus.isEmpty)
        #expect(r.usage.memTotal != nil && r.usage.disk?.mount == "/")
    }

    @Test func macOS() throws {
        let r = ProbeParser.parse(try Self.fixture("macos.txt"))
        #expect(r.problems.isEmpty)
        let u = r.usage
        #expect(u.os == "macos" && u.arch == "arm64" && u.cpus == 10)
        #expect(u.load == [1.71, 1.92, 2.06])
        #expect(u.memTotal == 17_179_869_184)
        #expect(u.memAvailable == (12861 + 291_860 + 4325 + 11047) * 16384)
        #expect(u.disk?.total == 482_797_652 * 1024)
    }

    @Test func oddLocaleHeadersAndOldKernelMeminfo() throws {
        let r = ProbeParser.parse(try Self.fixture("linux-oddlocale.txt"))
        #expect(r.problems.isEmpty)
        #expect(r.usage.memAvailable == (1_003_412 + 120_000 + 9_000_000) * 1024)
        #expect(r.usage.disk?.percentUsed == 87)
    }

    @Test func truncatedOutputIsPartialWithReasons() throws {
        let r = ProbeParser.parse(try Self.fixture("linux-truncated.txt"))
        #expect(r.problems.contains("probe output truncated"))
        #expect(r.problems.contains("df: missing"))
        #expect(r.usage.load == [12.47, 10.03, 8.91])
    }

    @Test(arguments: [("garbage.txt", "unrecognised probe output"), ("empty.txt", "empty probe output")])
    func garbageAndEmptyNeverCrash(_ name: String, _ reason: String) throws {
        let r = ProbeParser.parse(try Self.fixture(name))
        #expect(r.problems == [reason])
        #expect(r.usage == HostUsage())
    }

    @Test(arguments: [
        "@@uname\nLinux\n@@end\n",
        "@@loadavg\nx y z\n@@meminfo\nMemTotal: lots\n@@df\nFilesystem\n/dev/sda 1 2\n@@gpu\nnot,csv\n@@end\n",
        "@@uname\nDarwin 1 arm64\n@@sysctl\n{ a b c }\nx\ny\n@@vmstat\nnothing\n@@end\n",
        "@@@@\n@@\n\n@@end",
    ])
    func malformedPartsAreReportedNotFatal(_ text: String) {
        let r = ProbeParser.parse(text)
        #expect(!r.problems.isEmpty)
    }

    @Test func sysctlLoadWithDecimalComma() throws {
        #expect(try LoadAvgParser.parseSysctl("{ 1,71 1,92 2,06 }").get() == [1.71, 1.92, 2.06])
    }

    @Test func dfMountPointsWithSpaces() throws {
        let d = DFParser.parse(["Filesystem 1024-blocks Used Available Capacity Mounted on", "/dev/sdb1 100 40 60 40% /mnt/my disk"]).disks
        #expect(d == [DiskUsage(mount: "/mnt/my disk", total: 102_400, used: 40960, available: 61440)])
    }
}
