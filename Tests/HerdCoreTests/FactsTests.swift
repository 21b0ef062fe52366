import Foundation
import HerdCore
import Testing

@Suite struct FactsTests {
    @Test func cpuModelFromX86AndARM() {
        #expect(Facts.cpuModel(fromCPUInfo: "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7763 64-Core Processor\n") == "AMD EPYC 7763 64-Core Processor")
        #expect(Facts.cpuModel(fromCPUInfo: "processor\t: 0\nBogoMIPS\t: 108.00\nModel\t\t: Raspberry Pi 4 Model B Rev 1.4\n") == "Raspberry Pi 4 Model B Rev 1.4")
        #expect(Facts.cpuModel(fromCPUInfo: "garbage") == nil)
    }

    @Test func memoryPressureFromPSI() {
        let psi = "some avg10=1.25 avg60=0.50 avg300=0.10 total=123456\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
        #expect(Facts.memoryPressure(fromPSI: psi) == 1.25)
        #expect(Facts.memoryPressure(fromPSI: "") == nil)
    }
}

@Suite struct UsageFormatTests {
    @Test func figures() {
        #expect(UsageFormat.bytes(512) == "512B")
        #expect(UsageFormat.bytes(8 * 1024 * 1024 * 1024 - 200 * 1024 * 1024) == "7.8G")
        #expect(UsageFormat.bytes(31 * 1024 * 1024 * 1024) == "31G")
        #expect(UsageFormat.usedOfTotal(nil, 5) == "-")
        #expect(UsageFormat.age(59) == "59s" && UsageFormat.age(61) == "1m" && UsageFormat.age(7200) == "2h" && UsageFormat.age(nil) == "-")
        #expect(UsageFormat.millis(2.44) == "2.4ms" && UsageFormat.millis(140.4) == "140ms")
        let u = HostUsage(gpus: [GPUUsage(index: 0, name: "a", utilization: 90, memUsed: nil, memTotal: nil),
                                 GPUUsage(index: 1, name: "a", utilization: 10, memUsed: nil, memTotal: nil)])
        #expect(UsageFormat.gpu(u) == "50% x2")
        #expect(UsageFormat.gpu(HostUsage()) == "-")
    }

    @Test func liveRowsShowDownHostsAndAge() {
        let now = Date(timeIntervalSince1970: 10_000)
        let up = HostState(host: Host(name: "a", ssh: "u@a"), status: .complete,
                           usage: HostUsage(os: "linux", load: [0.5, 0, 0], memTotal: 1 << 30, memAvailable: 1 << 29),
                           lastSeen: now.addingTimeInterval(-3))
        #expect(HostListing.liveRow(up, defaultHost: nil, now: now) == ["a", "", "u@a", "linux", "0.50", "512M/1.0G", "-", "-", "no", "", "3s"])
        let down = HostState(host: Host(name: "b", ssh: "b", shared: false), status: .unreachable, reasons: ["refused"],
                             usage: HostUsage(load: [9, 9, 9]), lastSeen: now.addingTimeInterval(-120))
        let row = HostListing.liveRow(down, defaultHost: "b", now: now)
        #expect(row[0] == "b*" && row[1] == "[ded]" && row[4] == "-" && row[10] == "down 2m")
    }
}
