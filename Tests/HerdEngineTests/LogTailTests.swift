import Foundation
import HerdEngine
import HerdRemote
import Testing

/// Following a log from an offset: new bytes only, a truncated or rewritten log noticed, a bounded line ring.
@Suite struct LogTailTests {
    /// What the agent would answer for `file` to `tail.request(max:)`.
    static func answer(_ file: Data, to tail: LogTail, max: Int) -> LogChunk {
        let (from, n) = tail.request(max: max)
        let start = Int(min(UInt64(file.count), from))
        return LogChunk(stateLine: "", size: UInt64(file.count), bytes: file.subdata(in: start..<min(file.count, start + n)))
    }

    @Test func readsEachByteOnceInChunks() {
        var tail = LogTail()
        var file = Data("hello ".utf8)
        var got = Data()
        for _ in 0..<3 {
            if case .bytes(let d) = tail.accept(Self.answer(file, to: tail, max: 4)) { got += d }
        }
        file += Data("world\n".utf8)
        for _ in 0..<5 {
            if case .bytes(let d) = tail.accept(Self.answer(file, to: tail, max: 4)) { got += d }
        }
        #expect(got == file)
        #expect(tail.offset == UInt64(file.count))
        // Nothing new: no bytes, same offset.
        #expect(tail.accept(Self.answer(file, to: tail, max: 4)) == .bytes(Data()))
    }

    @Test func aTruncatedLogIsReadAgainFromItsStart() {
        var tail = LogTail()
        _ = tail.accept(Self.answer(Data(repeating: 0x61, count: 100), to: tail, max: 1000))
        #expect(tail.offset == 100)
        let shorter = Data("new\n".utf8)
        #expect(tail.accept(Self.answer(shorter, to: tail, max: 1000)) == .reset)
        #expect(tail.offset == 0)
        #expect(tail.accept(Self.answer(shorter, to: tail, max: 1000)) == .bytes(shorter))
    }

    @Test func aLogRewrittenLongerIsNoticedByTheBytesReadAgain() {
        var tail = LogTail()
        _ = tail.accept(Self.answer(Data(repeating: 0x61, count: 100), to: tail, max: 1000))
        let rewritten = Data(repeating: 0x62, count: 300)
        #expect(tail.accept(Self.answer(rewritten, to: tail, max: 1000)) == .reset)
        #expect(tail.accept(Self.answer(rewritten, to: tail, max: 1000)) == .bytes(rewritten))
    }

    @Test func anAnswerShorterThanTheOverlapIsAReset() {
        var tail = LogTail()
        _ = tail.accept(Self.answer(Data(repeating: 0x61, count: 100), to: tail, max: 1000))
        // The size says 100 but the bytes stop early (truncated between the agent's wc and its read).
        #expect(tail.accept(LogChunk(stateLine: "", size: 100, bytes: Data(repeating: 0x61, count: 10))) == .reset)
    }

    @Test func theRingKeepsTheLastLinesWithinItsBounds() {
        var ring = LogLineRing(maxLines: 3, maxBytes: 1 << 20, maxLineBytes: 8)
        ring.append(Data("one\ntwo\nthr".utf8))
        #expect(ring.lines == ["one", "two", "thr"])
        ring.append(Data("ee\nfour\nfive\n".utf8))
        #expect(ring.lines == ["three", "four", "five"])
        ring.append(Data("a very long line indeed\n".utf8))
        #expect(ring.lines.last == "a very l")
        ring.clear()
        #expect(ring.lines.isEmpty && ring.heldBytes == 0)
    }

    @Test func theRingStaysWithinItsByteBoundForThirtyMegabytes() {
        var ring = LogLineRing(maxLines: 2_000, maxBytes: 1 << 20)
        let line = Data((String(repeating: "x", count: 99) + "\n").utf8)
        var chunk = Data()
        for _ in 0..<2_600 { chunk += line }  // 260 kB
        for _ in 0..<115 {
            ring.append(chunk)
            #expect(ring.heldBytes <= (1 << 20) + 16 * 1024)
        }
        #expect(ring.lines.count == 2_000)
    }

    @Test func invalidUTF8IsKeptAsReplacementCharacters() {
        var ring = LogLineRing()
        ring.append(Data([0x61, 0xff, 0xfe, 0x62, 0x0a]))
        #expect(ring.lines == ["a\u{FFFD}\u{FFFD}b"])
    }
}
