import ArgumentParser
import Foundation
import HerdCore
import HerdDaemonClient
import HerdEngine
import HerdService
import HerdStore

/// The `--cached` flag of `ls`, `status`, `snapshot` and `place`.
struct CachedOption: ParsableArguments {
    @Flag(help: "Read the running daemon's cache (herd serve) instead of probing; probes live when no daemon answers.")
    var cached = false
}

/// A snapshot for a command: probed live, or (with `--cached`) read from the daemon and, when it cannot answer
/// in its bound, probed live after all. The source says which, for the JSON (`source`) and one stderr line.
enum CachedRead {
    /// The snapshot of `hosts`; `source` is nil for a plain live probe (no `--cached`).
    static func snapshot(
        _ hosts: [Host], cached: Bool, context: CLIContext, config: RefreshConfig
    ) async throws -> (Snapshot, ReadSource?) {
        let live = SnapshotService(context: context.services)
        guard cached else { return (try await live.probe(hosts, config: config), nil) }
        do throws(DaemonError) {
            let cache = try await DaemonClient(home: context.home).snapshot()
            let snapshot = try cache.snapshot(of: hosts)
            return (snapshot, .daemonCache(ageSeconds: cache.age(at: Date())))
        } catch {
            return (try await live.probe(hosts, config: config), ReadSource.fallback(error))
        }
    }

    /// The placement of `needs` over every host, on a live probe or (`cached`) the daemon's snapshot.
    static func place(_ needs: Requirements, cached: Bool, context: CLIContext) async throws -> (PlacementService.Result, ReadSource?) {
        let service = PlacementService(context: context.services)
        guard cached else { return (try await service.place(needs), nil) }
        let (snapshot, source) = try await snapshot(try context.effectiveHosts().1, cached: true, context: context, config: RefreshConfig())
        return (try service.rank(needs, in: snapshot), source)
    }

    /// `doc` as JSON, with the source keys when the read was `--cached`.
    static func json(_ doc: some StructuredDocument, _ source: ReadSource?) throws -> String {
        guard let source else { return try StructuredOutput.json(doc) }
        return try StructuredOutput.json(SourcedDocument(doc, source: source))
    }

    /// `doc` as YAML, with the source keys when the read was `--cached`.
    static func yaml(_ doc: some StructuredDocument, _ source: ReadSource?) throws -> String {
        guard let source else { return try StructuredOutput.yaml(doc) }
        return try StructuredOutput.yaml(SourcedDocument(doc, source: source))
    }

    /// The stderr line of the table and text forms, for `--cached` reads.
    static func note(_ source: ReadSource?) {
        if let source { CLIContext.warn(source.line) }
    }
}

extension CachedRead {
    /// The cluster queries of `context`, reading the daemon's cache first when `cached` (`--cached`).
    static func queries(_ services: ServiceContext, home: HerdHome, cached: Bool) -> ClusterQueries {
        guard cached else { return ClusterQueries(context: services) }
        return ClusterQueries(context: services) { hosts in
            do throws(DaemonError) {
                return try await DaemonClient(home: home).snapshot().snapshot(of: hosts)
            } catch {
                throw CacheUnavailable(reason: error.reason)
            }
        }
    }
}
