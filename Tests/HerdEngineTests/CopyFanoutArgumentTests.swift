@testable import HerdEngine
import Testing

/// How `herd cp`/`herd rcp` turn names into rsync arguments and which directories they create.
@Suite struct CopyFanoutArgumentTests {
    @Test func localNamesAreNeverOptionsNorHosts() {
        #expect(CopyFanout.localArgument("-rf") == "./-rf")
        #expect(CopyFanout.localArgument("a:b") == "./a:b")
        #expect(CopyFanout.localArgument("/abs/x y") == "/abs/x y")
        #expect(CopyFanout.localArgument("new\nline") == "./new\nline")
    }

    @Test func theDirectoryPushCreatesIsDestOrItsParent() {
        #expect(CopyFanout.directoryToMake("a/b/", sources: 1) == "a/b")
        #expect(CopyFanout.directoryToMake("a/b", sources: 2) == "a/b")
        #expect(CopyFanout.directoryToMake("a/b", sources: 1) == "a")
        #expect(CopyFanout.directoryToMake("file", sources: 1) == nil)
        #expect(CopyFanout.directoryToMake("", sources: 3) == nil)
        #expect(CopyFanout.directoryToMake("/", sources: 1) == nil)
        #expect(CopyFanout.directoryToMake("/srv/x", sources: 1) == "/srv")
    }

    @Test func hostDirectoriesNeverEscapeDest() {
        for bad in ["", ".", "..", "a/b"] {
            #expect(throws: (any Error).self) { try CopyFanout.hostDirectory("/tmp", host: bad) }
        }
    }
}
