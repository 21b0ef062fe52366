import Foundation
import HerdRemote
import HerdTestSupport
import Testing

/// The relocation table's pages given back after start (RelocationPages), in this test process: the table's whole
/// pages are no longer mapped and read back unchanged (the herd binary's: `ServeRelocationPagesTests`).
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
}
