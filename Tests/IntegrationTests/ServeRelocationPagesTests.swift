import Foundation
import HerdTestSupport
import Testing

/// A running herd holds none of its relocation table's pages (RelocationPages, called as every herd process starts).
@Suite struct ServeRelocationPagesTests {
    @Test func aRunningHerdHoldsNoneOfItsRelocationPages() async throws {
        let dynamic = try await HerdBinary.shell("readelf --dynamic '\(HerdBinary.path)'")
        func value(_ tag: String) -> UInt? {
            guard let line = dynamic.split(separator: "\n").first(where: { $0.contains("(\(tag))") }),
                let field = line.split(separator: " ").dropFirst(2).first else { return nil }
            return field.hasPrefix("0x") ? UInt(field.dropFirst(2), radix: 16) : UInt(field)
        }
        let address = try #require(value("RELA"), "\(dynamic.prefix(400))")
        let size = try #require(value("RELASZ"))
        try #require(size > 4 * PageMap.pageSize)

        let dir = try TempDir()
        defer { dir.remove() }
        let serve = try ServeProcess(HerdBinary(home: dir.file("home")), ["--no-tcp"], log: dir.file("serve.log"))
        try #require(try await serve.ready(listeners: 1), "\(serve.stderr)")

        let map = PageMap(pid: String(serve.pid))
        let base = try #require(map.loadBase(of: HerdBinary.path))
        #expect(map.presentPages(start: base, length: 64 * Int(PageMap.pageSize)) ?? 0 > 0, "the program's first pages are mapped")
        #expect(map.presentPages(start: base + address, length: Int(size)) == 0, "relocation table at \(address), \(size) bytes")
    }
}
