import Foundation

/// What `herd context --json` prints: the block as text with the figures a program would check without parsing
/// it (source, host counts by status, the chosen host).
public struct ClusterContextDocument: StructuredDocument {
    public var source: String
    /// Why a `--cached` read went live (`live-fallback`); absent otherwise.
    public var sourceReason: String?
    public var takenAt: Date
    public var ageSeconds: Double
    public var hostsTotal: Int
    public var statusCounts: [String: Int]
    public var query: String?
    public var chosen: String?
    public var text: String

    public init(_ context: ClusterContext, now: Date) {
        source = context.source.kind
        sourceReason = context.source.reason
        takenAt = context.source.takenAt
        ageSeconds = (max(0, now.timeIntervalSince(context.source.takenAt)) * 10).rounded() / 10
        hostsTotal = context.snapshot.hosts.count
        statusCounts = Dictionary(uniqueKeysWithValues: ClusterContext.statusCounts(context.snapshot.hosts))
        query = context.placement?.query
        chosen = context.placement?.chosen?.host
        text = context.render(now: now)
    }
}
