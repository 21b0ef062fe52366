import HerdCore
import Testing

/// `PlacementQuery.parse`: a typed query (the dashboard's, the HTTP and MCP faces') reads as `herd place` takes it.
@Suite struct PlacementQueryTests {
    @Test(arguments: [
        ("7b inference", PlacementQuery(text: ["7b", "inference"])),
        ("--ram 16G --gpu", PlacementQuery(ram: "16G", gpu: 1)),
        ("--gpu 2 --ram=8G", PlacementQuery(ram: "8G", gpu: 2)),
        ("--gpu=3", PlacementQuery(gpu: 3)),
        ("--gpu heavy", PlacementQuery(text: ["heavy"], gpu: 1)),
        ("--tool ollama --tool git   --cpu 4", PlacementQuery(cpu: 4, tools: ["ollama", "git"])),
        ("--gpu-mem 20G train", PlacementQuery(text: ["train"], gpuMem: "20G")),
        ("", PlacementQuery()),
    ])
    func parses(_ line: String, _ expected: PlacementQuery) throws {
        #expect(try PlacementQuery.parse(line) == expected)
    }

    @Test(arguments: [
        ("--ram", "--ram needs a value"),
        ("--cpu x", "--cpu: 'x' is not a whole number"),
        ("--json", "unknown option '--json'"),
        ("--ram 16", "--ram: '16' has no unit"),
        ("--gpu -1", "--gpu must be 0 or more"),
        ("--cpu 0", "--cpu must be at least 1"),
    ])
    func refusesWithOneLine(_ line: String, _ message: String) {
        do {
            _ = try PlacementQuery.parse(line).requirements()
            Issue.record("\(line) was accepted")
        } catch {
            let text = (error as? HerdError)?.description ?? "\(error)"
            #expect(text.contains(message), "\(text)")
            #expect(!text.contains("\n"))
        }
    }

    @Test func flagsWinOverTheText() throws {
        let r = try PlacementQuery.parse("70b inference --ram 20G --gpu 0").requirements()
        #expect(r.ram == 20 << 30 && r.gpus == 0)
        #expect(r.summary == "20G RAM")
        #expect(Requirements().summary == "nothing in particular")
    }
}
