import Foundation
import HerdCore
import HerdStore
import HerdTestSupport
import Testing

/// `RosterWatch`: every way hosts.json can change under a running dashboard is seen by one check, and nothing
/// else is.
@Suite struct RosterWatchTests {
    static func setUp() throws -> (TempDir, RosterStore) {
        let dir = try TempDir()
        let store = RosterStore(home: HerdHome(root: URL(fileURLWithPath: dir.file("home"))))
        try store.update { try $0.add(Host(name: "a", ssh: "u@a")) }
        return (dir, store)
    }

    @Test func nothingChangedIsNoChange() throws {
        let (dir, store) = try Self.setUp()
        defer { dir.remove() }
        var watch = try RosterWatch(store: store)
        #expect(watch.roster.hosts.map(\.name) == ["a"])
        #expect(watch.check() == nil)
        _ = try store.load()
        #expect(watch.check() == nil, "reading is not a change")
    }

    @Test func everyWriteIsSeenOnce() throws {
        let (dir, store) = try Self.setUp()
        defer { dir.remove() }
        var watch = try RosterWatch(store: store)
        try store.update { try $0.add(Host(name: "b", ssh: "u@b")) }
        #expect(watch.check().map { if case .reloaded(let r) = $0 { r.hosts.map(\.name) } else { [] } } == ["a", "b"])
        #expect(watch.check() == nil)
        // A flag change keeps the size: the new inode (atomic rename) and times still tell it apart.
        try store.update { try $0.add(Host(name: "c", ssh: "u@c")) }
        _ = watch.check()
        try store.update { try $0.update("c") { $0.shared = false } }
        try store.update { try $0.update("c") { $0.shared = true } }
        guard case .reloaded(let r) = watch.check() else { Issue.record("a same-size rewrite was missed"); return }
        #expect(r.hosts.map(\.shared) == [true, true, true])
    }

    @Test func anInPlaceEditIsSeen() throws {
        let (dir, store) = try Self.setUp()
        defer { dir.remove() }
        var watch = try RosterWatch(store: store)
        let handle = try FileHandle(forUpdating: store.home.hostsFile)
        let text = try String(contentsOf: store.home.hostsFile, encoding: .utf8).replacingOccurrences(of: "u@a", with: "u@z")
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        #expect(watch.check() == .reloaded(try store.load()))
        #expect(watch.roster.hosts.first?.ssh == "u@z")
    }

    @Test func aCorruptFileKeepsTheLastGoodRosterAndAFixedOneIsReadAgain() throws {
        let (dir, store) = try Self.setUp()
        defer { dir.remove() }
        var watch = try RosterWatch(store: store)
        let good = try Data(contentsOf: store.home.hostsFile)
        try Data(#"{"hosts": [{"name": "a", "#.utf8).write(to: store.home.hostsFile)
        #expect(watch.check() == .unreadable("hosts.json: line 1, column 26: unexpected end of file inside an object"))
        #expect(watch.roster.hosts.map(\.name) == ["a"])
        #expect(watch.check() == nil, "reported once per change")
        #expect(throws: HerdError.self) { try watch.current() }
        try good.write(to: store.home.hostsFile)
        #expect(watch.check() == .reloaded(try store.load()))
    }

    @Test func aRemovedFileIsAnEmptyRoster() throws {
        let (dir, store) = try Self.setUp()
        defer { dir.remove() }
        var watch = try RosterWatch(store: store)
        try FileManager.default.removeItem(at: store.home.hostsFile)
        #expect(watch.check() == .reloaded(Roster()))
    }
}
