import HerdTUI
import Testing

/// The `:` palette's parser and its Tab completion, as tables.
@Suite struct PaletteTests {
    @Test(arguments: [
        ("on tb01 uptime", PaletteCommand.on(targets: "tb01", command: "uptime")),
        (":on  tb[01-08]   df -h /  ", .on(targets: "tb[01-08]", command: "df -h /")),
        ("on @gpu nvidia-smi -L", .on(targets: "@gpu", command: "nvidia-smi -L")),
        ("clean tb02", .clean(targets: "tb02")),
        ("clean all", .clean(targets: "all")),
        ("place --ram 16G --gpu", .place(query: "--ram 16G --gpu")),
        ("place 7b inference", .place(query: "7b inference")),
        ("run tb01 make test", .run(host: "tb01", command: "make test")),
        ("theme light", .theme(name: "light")),
        ("stop 1a2b", .stop(job: "1a2b")),
        ("attach 1a2b", .attach(job: "1a2b")),
        ("logs 1a2b", .logs(job: "1a2b")),
        ("sort gpu", .sort(.gpu, descending: nil)),
        ("sort load asc", .sort(.load, descending: false)),
        ("sort status desc", .sort(.status, descending: true)),
        ("q", .quit),
        ("quit", .quit),
    ])
    func parses(_ line: String, _ expected: PaletteCommand) {
        #expect(PaletteCommand.parse(line) == .success(expected))
    }

    @Test(arguments: [
        ("", "type a command"),
        ("frobnicate", "unknown command ':frobnicate'"),
        ("pl", "did you mean :place?"),
        ("on", ":on needs TARGETS"),
        ("on tb01", ":on needs a command after tb01"),
        ("clean", ":clean needs one HOST or all"),
        ("clean a b", ":clean needs one HOST or all"),
        ("place", ":place needs a query"),
        ("run tb01", ":run needs a command"),
        ("theme", ":theme needs one theme NAME"),
        ("stop", ":stop needs one job id"),
        ("sort cpu", ":sort needs a field: name, load, ram, disk, gpu, status"),
        ("sort load up", "asc or desc"),
    ])
    func refusesWithOneLine(_ line: String, _ fragment: String) {
        guard case .failure(let e) = PaletteCommand.parse(line) else {
            Issue.record("'\(line)' parsed")
            return
        }
        #expect(e.description.contains(fragment), "\(e.description)")
        #expect(!e.description.contains("\n"))
    }

    static let known = PaletteCompletion.Candidates(
        hosts: ["tb01", "tb02", "tb10", "gpu1"], tags: ["gpu", "big"], jobs: ["1a2b3c4d", "1a9f0000", "77aa0000"], themes: ["default", "light", "16color"])

    @Test(arguments: [
        ("", "", ["on", "clean", "place", "run", "theme", "stop", "attach", "logs", "sort", "q"]),
        ("o", "on ", []),
        ("th", "theme ", []),
        ("on t", "on tb", ["tb01", "tb02", "tb10"]),
        ("on tb0", "on tb0", ["tb01", "tb02"]),
        ("on tb1", "on tb10 ", []),
        ("on @g", "on @gpu ", []),
        ("on tb01,tb1", "on tb01,tb10 ", []),
        ("on tb01,@b", "on tb01,@big ", []),
        ("on a", "on all ", []),
        ("clean g", "clean gpu1 ", []),
        ("run tb02 make", "run tb02 make", []),
        ("stop 1a", "stop 1a", ["1a2b3c4d", "1a9f0000"]),
        ("attach 7", "attach 77aa0000 ", []),
        ("theme l", "theme light ", []),
        ("sort g", "sort gpu ", []),
        ("sort gpu d", "sort gpu desc ", []),
        ("on zz", "on zz", []),
        ("frob x", "frob x", []),
    ])
    func completes(_ line: String, _ expected: String, _ choices: [String]) {
        let c = PaletteCompletion.complete(line, with: Self.known)
        #expect(c.line == expected)
        #expect(c.choices == choices)
    }
}
