import CLazyCurl
import Foundation
import HerdTestSupport
import Testing

/// libcurl loaded on first use (Sources/CLazyCurl): each stand-in reaches the real libcurl with its arguments intact,
/// and the herd binary does not ask the loader for libcurl at start.
@Suite struct LazyCurlTests {
    @Test func everyStandInReachesLibcurl() {
        #expect(herd_curl_selftest() == 0, "the number is the first step that did not answer as libcurl does")
        #expect(herd_curl_loaded() == 1)
    }

    @Test func theHerdBinaryDoesNotNeedLibcurlAtStart() throws {
        let readelf = Process()
        readelf.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        readelf.arguments = ["readelf", "--dynamic", HerdBinary.path]
        let out = Pipe()
        readelf.standardOutput = out
        try readelf.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        readelf.waitUntilExit()
        #expect(readelf.terminationStatus == 0)
        let needed = text.split(separator: "\n").filter { $0.contains("(NEEDED)") }
        #expect(needed.contains { $0.contains("libc.so") }, "the dynamic section was read: \(needed)")
        #expect(!needed.contains { $0.contains("libcurl") }, "\(needed)")
    }
}
