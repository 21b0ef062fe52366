import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// The relocation table's pages given back after start (RelocationPages): in this test process, the table's whole
/// pages are no longer mapped and read back unchanged; in the herd binary, a running daemon holds none of them.
@Suite(.serialized) struct RelocationPagesTests {
    @Test func theTablesPagesAreUnmappedAndReadBackUnchanged() throws {
        let table = RelocationPages.release()
        try #require(table.start != 0 && table.length > 4 * Int(PageMap.pageSize), "this test program has a relocation table: \(table)")
        let bytes = UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: table.start), count: table.length)
        let before = Data(bytes)
        #expect(PageMap().presentPages(start: table.start, length: table.length) ?? 0 > 0, "read just now, so mapped")

        let again = RelocationPages.release()
        #expect(again.start == table.start && again.length == table.length)
        let page = PageMap.pageSize
        let whole = Int(((table.start + UInt(table.length)) / page - (table.start + page - 1) / page) * page)
        #expect(again.released == whole, "every whole page inside the table: \(again)")
        #expect(PageMap().presentPages(start: table.start, length: table.length) == 0)
        #expect(Data(bytes) == before, "pages read again come back from the file unchanged")
    }

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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: HerdBinary.path)
        process.arguments = ["serve", "--no-tcp"]
        process.environment = ProcessInfo.processInfo.environment.merging(["HERD_HOME": dir.path]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        let socket = dir.file("herd.sock")
        let deadline = ContinuousClock.now + .seconds(30)
        while !FileManager.default.fileExists(atPath: socket), process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        try #require(FileManager.default.fileExists(atPath: socket), "herd serve did not start")

        let map = PageMap(pid: String(process.processIdentifier))
        let base = try #require(map.loadBase(of: HerdBinary.path))
        #expect(map.presentPages(start: base, length: 64 * Int(PageMap.pageSize)) ?? 0 > 0, "the program's first pages are mapped")
        #expect(map.presentPages(start: base + address, length: Int(size)) == 0, "relocation table at \(address), \(size) bytes")
    }
}
