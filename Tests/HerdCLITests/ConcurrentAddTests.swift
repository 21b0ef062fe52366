import Foundation
import HerdTestSupport
import Testing

/// Many herd processes changing the roster at once lose nothing (file lock + atomic rename).
@Suite(.timeLimit(.minutes(2))) struct ConcurrentAddTests {
    @Test func twentyProcessesAddTwentyHosts() async throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let herd = HerdBinary(home: dir.file("home"))
        let results = try await withThrowingTaskGroup(of: Int32.self) { group in
            for i in 1...20 {
                group.addTask { try await herd.run(["host", "add", String(format: "w%02d", i), "u@w\(i)"]).status }
            }
            return try await group.reduce(into: [Int32]()) { $0.append($1) }
        }
        #expect(results == [Int32](repeating: 0, count: 20))
        let ls = try await herd.run(["ls", "--fast", "--json"])
        let names = try JSONDecoder().decode(Listing.self, from: ls.stdout).hosts.count
        #expect(names == 20)
        let listed = ls.stdoutText
        for i in 1...20 { #expect(listed.contains(String(format: "\"w%02d\"", i))) }
    }
}

/// The `hosts` list of `herd ls --fast --json`.
struct Listing: Decodable {
    var hosts: [AnyDecodable]
}

/// Decodes any JSON value and ignores it (for counting rows).
struct AnyDecodable: Decodable {
    init(from decoder: any Decoder) throws {}
}
