import Foundation
@testable import HerdCore
import Testing

/// `ProbeParser.parse(_:reusing:)`: the part of a probe the agent repeats unchanged is parsed once per change, and
/// every result equals a parse without the memo, for well-formed, changed, reordered and crafted probes.
@Suite struct ProbeParserMemoTests {
    static func probe(load: String = "0.10 0.20 0.30 1/80 8335", address: String = "10.0.0.5/24", extra: String = "") -> String {
        """
        @@timeout cpu 3
        @@uname
        Linux 6.1.0 x86_64
        @@nproc
        8
        @@tools
         git rsync tmux
        @@cpu
        model name\t: AMD EPYC 7763 64-Core Processor
        @@ipaddr
        2: eth0    inet \(address) brd 10.0.0.255 scope global eth0\\       valid_lft forever preferred_lft forever
        @@loadavg
        \(load)
        @@meminfo
        MemTotal: 16000000 kB
        MemAvailable: 8000000 kB
        @@stat
        cpu  100 0 100 800 0 0 0 0 0 0
        @@df
        Filesystem 1024-blocks Used Available Capacity Mounted on
        /dev/sda1 1000 400 600 40% /
        @@end
        \(extra)
        """
    }

    @Test func theRepeatedPartIsParsedOnceAndEveryResultIsTheWholeParse() {
        var memo: ProbeParser.StaticPart?
        let first = Self.probe()
        #expect(ProbeParser.parse(first, reusing: &memo) == ProbeParser.parse(first))
        let kept = memo
        #expect(kept != nil)
        #expect(kept?.usage.addresses?["eth0"] == ["10.0.0.5"] && kept?.usage.cpus == 8)
        #expect(kept?.problems.isEmpty == true && kept?.timeouts.count == 1)

        // The changing part moves: the memo is reused as it is.
        let next = Self.probe(load: "3.00 2.00 1.00 2/90 9000")
        let r = ProbeParser.parse(next, reusing: &memo)
        #expect(r == ProbeParser.parse(next) && r.usage.load == [3, 2, 1])
        #expect(memo == kept)
        #expect(r.problems == ["cpu: timed out after 3s"])

        // The unchanging part changes (a new address): parsed again, and the memo follows.
        let moved = Self.probe(address: "10.0.0.9/24")
        let m = ProbeParser.parse(moved, reusing: &memo)
        #expect(m == ProbeParser.parse(moved) && m.usage.addresses?["eth0"] == ["10.0.0.9"])
        #expect(memo?.usage.addresses?["eth0"] == ["10.0.0.9"])
    }

    @Test func aProbeOutOfTheAgentsOrderIsParsedWhole() {
        var memo: ProbeParser.StaticPart?
        _ = ProbeParser.parse(Self.probe(), reusing: &memo)
        // Sections of the unchanging part after the changing one (crafted): the whole text counts, as without a memo.
        for crafted in [Self.probe(extra: "@@uname\nDarwin 23.0 arm64\n"), Self.probe(extra: "@@tools\n evil git\n"),
                        "@@loadavg\n1 1 1 1/1 1\n@@uname\nLinux 6 x\n@@end\n", "", "junk\n", "@@end\n"] {
            #expect(ProbeParser.parse(crafted, reusing: &memo) == ProbeParser.parse(crafted), "\(crafted)")
        }
        #expect(ProbeParser.parse("", reusing: &memo).problems == ["empty probe output"])
        #expect(ProbeParser.parse("junk\n", reusing: &memo).problems == ["unrecognised probe output"])
    }

    /// A session's answer arrives as lines: parsed as lines (not joined and split again), it gives what its text
    /// gives, with and without a memo, CRLF endings included.
    @Test func linesParseAsTheirTextDoes() {
        for text in [Self.probe(), Self.probe(load: "9 9 9 1/1 1"), Self.probe(extra: "@@tools\n evil git\n"),
                     Self.probe().replacingOccurrences(of: "\n", with: "\r\n"), "junk\n", "@@end\n"] {
            // Split on the byte: "\r\n" is one Character, so a Character split would keep CRLF lines whole.
            let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
                .dropLast(text.hasSuffix("\n") ? 1 : 0)
            var none: ProbeParser.StaticPart?
            var memo: ProbeParser.StaticPart?
            _ = ProbeParser.parse(lines: Array(lines), reusing: &memo)
            #expect(ProbeParser.parse(lines: Array(lines), reusing: &none) == ProbeParser.parse(text), "\(text)")
            #expect(ProbeParser.parse(lines: Array(lines), reusing: &memo) == ProbeParser.parse(text), "\(text)")
        }
        var none: ProbeParser.StaticPart?
        #expect(ProbeParser.parse(lines: [], reusing: &none).problems == ["empty probe output"])
    }
}
