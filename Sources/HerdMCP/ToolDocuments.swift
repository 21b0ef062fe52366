import Foundation
import HerdCore
import HerdEngine
import HerdService

/// The JSON documents the MCP tools answer with (through `StructuredOutput`; shapes in docs/JSON.md).
enum ToolDocuments {
    /// `place`: the requirements, the chosen host and every host ranked with its reasons.
    struct Place: StructuredDocument {
        var query: String
        var requirements: Requirements
        var chosen: String?
        var hosts: [Placement.Candidate]
    }

    /// `job_log`: a slice of a job's output.
    struct JobLog: StructuredDocument {
        var id: String
        var host: String
        var status: String
        var offset: UInt64
        var nextOffset: UInt64
        var size: UInt64
        var text: String
    }

    /// `run`: the job launched (and how it ended, when it did within the wait).
    struct Run: StructuredDocument {
        var job: JobRow
        var ended: Bool
        var placedBy: [String]
        var reservation: Reservation?
        var outputTail: String?
        var learnedBad: Bool
    }
}
