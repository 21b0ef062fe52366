import HerdCore
import Testing

@Suite struct TextTableTests {
    @Test func padsColumnsAndTrimsTrailingBlanks() {
        let t = TextTable(header: ["NAME", "", "X"], rows: [["a", "[ded]", "1"], ["long-name", "", ""]])
        #expect(t.render() == "NAME              X\na          [ded]  1\nlong-name\n")
    }

    @Test func wideCharactersArePaddedByTheColumnsTheyTake() {
        let t = TextTable(header: ["JOB", "CMD", "HOST"], rows: [["日本語", "echo 😀", "a"], ["abcdefg", "e\u{0301}cho", "b"]])
        #expect(t.render() == "JOB      CMD      HOST\n日本語   echo 😀  a\nabcdefg  e\u{0301}cho     b\n")
    }

    @Test func hostListingMarksDedicatedAndDefault() {
        let h = Host(name: "tb01", ssh: "u@h", sudo: true, shared: false, description: "d", tags: ["a", "b"])
        #expect(HostListing.row(h, defaultHost: "tb01") == ["tb01*", "[ded]", "u@h", "-", "yes", "a,b", "d"])
    }
}
