import Foundation
import HerdRemote
import Testing

/// The `log` verb's answer parsed strictly: any malformed part is an error, never a guess.
@Suite struct LogChunkTests {
    @Test func parsesBase64AndHexPayloads() throws {
        let bytes = Data([0x40, 0x40, 0x0a, 0xff, 0x00])
        let b64 = try LogChunk.parse(["@@job x done 0 1", "@@log 99 b64", bytes.base64EncodedString()])
        #expect(b64 == LogChunk(stateLine: "@@job x done 0 1", size: 99, bytes: bytes))
        let hex = try LogChunk.parse(["@@log 5 hex", "40400a", "ff00"])
        #expect(hex.bytes == bytes && hex.size == 5 && hex.stateLine.isEmpty)
        #expect(try LogChunk.parse(["@@log 0 b64"]).bytes.isEmpty)
    }

    @Test func rejectsMalformedAnswers() {
        let bad: [[String]] = [
            [], ["@@log"], ["@@log x b64"], ["@@log 1 rot13", "x"], ["@@log 3 b64", "not base64!"], ["@@log 3 hex", "abc"],
            ["@@log 3 hex", "zz"], ["junk", "@@log 1 b64"], ["@@log -1 b64"], ["@@error no log"],
        ]
        for lines in bad {
            #expect(throws: LogChunk.Failure.self, "\(lines)") { try LogChunk.parse(lines) }
        }
    }

    @Test func anErrorLineIsShownWithoutControls() {
        #expect(throws: LogChunk.Failure(message: "the host's agent says: no log[2J")) { try LogChunk.parse(["@@error no log\u{1b}[2J"]) }
    }
}
