import Foundation
import HerdCore
import HerdRemote
import Testing

/// The clean script's deletes, as a class: every `find` never follows links, stays on its file system and takes
/// "old" as mtime and ctime; nothing is removed by path (`-exec rm`, `rmdir`, `xargs`). The cron gets the same text.
@Suite struct CleanScriptTests {
    static var findLines: [Substring] {
        CleanScript.source.split(separator: "\n").filter { $0.contains("find ") && !$0.drop { $0 == " " }.hasPrefix("#") && !$0.contains("find / -maxdepth 0") }
    }

    @Test func everyFindIsPhysicalOneFileSystemAndOldByBothTimes() {
        #expect(Self.findLines.count >= 4)
        for line in Self.findLines {
            #expect(line.contains("find -P "), "\(line)")
            #expect(line.contains(" -xdev "), "\(line)")
            #expect(line.contains("-mmin +\"$herd_min\" -cmin +\"$herd_min\""), "\(line)")
        }
    }

    @Test func nothingIsRemovedByPath() {
        for banned in ["-exec rm", "rmdir", "xargs", "rm -f", "rm -rf", "-execdir"] {
            #expect(!CleanScript.source.contains(banned), "\(banned)")
        }
        #expect(Self.findLines.filter { $0.contains("-delete") }.count == 2, "files, then empty directories")
    }

    @Test func theCronInstallsThisVeryScript() throws {
        let diskCleanup = InitFeature.named("disk-cleanup")?.body ?? ""
        #expect(diskCleanup.contains("/usr/local/lib/herd/clean.sh"))
        let feature = try #require(InitFeature.named("disk-cleanup"))
        #expect(InitFeature.script([feature]).contains(ShellQuote.quote(CleanScript.source)))
    }
}
