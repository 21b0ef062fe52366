import ArgumentParser
import HerdCore

/// The requirement flags shared by `place`, `reserve` and `run`; checked and combined by `PlacementQuery`.
struct PlacementOptions: ParsableArguments {
    @Option(help: "RAM the job needs, e.g. 17G.")
    var ram: String?

    @Option(help: "GPUs the job needs (--gpu alone means 1).")
    var gpu: Int?

    @Option(name: .customLong("gpu-mem"), help: "Free memory each GPU must have to count as free, e.g. 20G (default 1G).")
    var gpuMem: String?

    @Option(help: "CPU cores the job wants.")
    var cpu: Int?

    @Option(help: "A tool that must be on the host (repeatable).")
    var tool: [String] = []

    /// These flags with `text` as the query every face takes.
    func query(text: [String] = []) -> PlacementQuery {
        PlacementQuery(text: text, ram: ram, gpu: gpu, gpuMem: gpuMem, cpu: cpu, tools: tool)
    }
}
