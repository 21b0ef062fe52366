import ArgumentParser
import Foundation
import HerdCore
import HerdRemote

/// `herd facts`: this machine's OS, CPU, memory, disks, GPUs, addresses and tools.
struct FactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts", abstract: "Describe this machine: OS, CPU, RAM and pressure, disks, GPUs, addresses, tools.")

    @OptionGroup var format: OutputFormatOptions

    func run() async throws {
        let f = await LocalFacts.gather()
        if format.json { return CLIContext.out(try StructuredOutput.json(f)) }
        if format.yaml { return CLIContext.out(try StructuredOutput.yaml(f)) }
        var lines: [[String]] = [
            ["host", f.hostname],
            ["os", [f.os, f.kernel, f.arch].compactMap { $0 }.joined(separator: " ")],
            ["cpu", "\(f.cpuModel ?? "?"), \(f.cores.map(String.init) ?? "?") cores"],
            ["ram", "\(f.memTotal.map(UsageFormat.bytes) ?? "?") total, \(f.memAvailable.map(UsageFormat.bytes) ?? "?") available"
                + (f.memPressure.map { String(format: ", pressure %.2f%%", $0) } ?? "")],
        ]
        for d in f.disks {
            lines.append(["disk", "\(d.mount): \(UsageFormat.usedOfTotal(d.used, d.total)) (\(d.percentUsed)%)"])
        }
        for g in f.gpus {
            lines.append(["gpu", "\(g.index): \(g.name) \(UsageFormat.usedOfTotal(g.memUsed, g.memTotal))"])
        }
        for (iface, addrs) in f.addresses.sorted(by: { $0.key < $1.key }) {
            lines.append(["addr", "\(iface): \(addrs.joined(separator: ", "))"])
        }
        let present = Facts.toolNames.filter { f.tools[$0] != nil }
        let missing = Facts.toolNames.filter { f.tools[$0] == nil }
        lines.append(["tools", present.joined(separator: " ")])
        if !missing.isEmpty { lines.append(["missing", missing.joined(separator: " ")]) }
        CLIContext.out(lines.map { "\($0[0].padding(toLength: 8, withPad: " ", startingAt: 0))\(TerminalText.line($0[1]))" }.joined(separator: "\n") + "\n")
    }
}
