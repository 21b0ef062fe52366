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

    @Test func theHerdBinaryDoesNotNeedLibcurlAtStart() async throws {
        let text = try await HerdBinary.shell("readelf --dynamic '\(HerdBinary.path)'; echo \"readelf exit $?\"")
        #expect(text.hasSuffix("readelf exit 0\n"), "\(text.suffix(200))")
        let needed = text.split(separator: "\n").filter { $0.contains("(NEEDED)") }
        #expect(needed.contains { $0.contains("libc.so") }, "the dynamic section was read: \(needed)")
        #expect(!needed.contains { $0.contains("libcurl") }, "\(needed)")
    }
}
