import HerdEngine
import Testing

/// Which items of an rsync dry run (`--itemize-changes`) would overwrite existing local files.
@Suite struct PullConflictTests {
    @Test func onlyExistingNonDirectoriesCount() {
        let itemized = """
            cd+++++++++ build/
            >f+++++++++ build/new.bin
            >f.st...... build/out.bin
            >f..t...... notes.txt
            cL+++++++++ build/link -> target
            cL......... old-link -> elsewhere
            .d..t...... build/sub/
            created directory dest
            """
        #expect(JobManager.overwrites(inItemized: itemized) == ["build/out.bin", "notes.txt", "old-link"])
        #expect(JobManager.overwrites(inItemized: "").isEmpty)
    }
}
