import Foundation
import HerdCore
import HerdService
import Hummingbird
import NIOCore
import Prometheus

/// `GET /metrics`: the cached state in the Prometheus text format, written by swift-prometheus from a registry
/// built for each scrape (so hosts that left the roster and jobs that were removed leave no stale series).
/// Never waits on a host: before the first round there are only the job and reservation series.
struct MetricsRoute: Sendable {
    let state: ServerState

    func register(on router: Router<ServerRequestContext>) {
        router.get("/metrics") { _, _ in
            let bytes = try await registry().emitToBuffer()
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
    }

    /// A gauge of `registry` named `name` in full (no namespace or unit parts added), with `labels` and `help`.
    private func gauge(_ registry: PrometheusCollectorRegistry, _ name: String, _ labels: [(String, String)], _ help: String) -> Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: labels)
    }

    func registry() async throws -> PrometheusCollectorRegistry {
        let r = PrometheusCollectorRegistry()
        let hosts = await state.cache.cached?.hosts ?? []
        for s in hosts {
            let h = [("host", s.host.name)]
            gauge(r, "herd_host_up", h, "1 when the host answered its last probe").set(s.status.isUp ? 1.0 : 0.0)
            if let l = s.latencyMs {
                gauge(r, "herd_host_probe_latency_seconds", h, "Duration of the host's last answered probe").set(l / 1000)
            }
            guard let u = s.usage else { continue }
            for (i, period) in ["1", "5", "15"].enumerated() where i < (u.load?.count ?? 0) {
                if let v = u.load?[i], v.isFinite {
                    gauge(r, "herd_host_load", h + [("period", period)], "Load average over 1, 5 or 15 minutes").set(v)
                }
            }
            if let v = u.cpus { gauge(r, "herd_host_cpus", h, "CPU cores").set(Double(v)) }
            if let v = u.memTotal { gauge(r, "herd_host_memory_total_bytes", h, "Total RAM").set(Double(v)) }
            if let v = u.memAvailable { gauge(r, "herd_host_memory_available_bytes", h, "Available RAM").set(Double(v)) }
            if let d = u.disk {
                let dl = h + [("mount", d.mount)]
                gauge(r, "herd_host_disk_total_bytes", dl, "Size of the work disk").set(Double(d.total))
                gauge(r, "herd_host_disk_used_bytes", dl, "Bytes used on the work disk").set(Double(d.used))
                gauge(r, "herd_host_disk_available_bytes", dl, "Bytes available on the work disk").set(Double(d.available))
            }
            for g in u.gpus {
                let gl = h + [("gpu", String(g.index)), ("name", g.name)]
                if let v = g.utilization, v.isFinite {
                    gauge(r, "herd_gpu_utilization_ratio", gl, "GPU utilisation from 0 to 1").set(v / 100)
                }
                if let v = g.memUsed { gauge(r, "herd_gpu_memory_used_bytes", gl, "GPU memory in use").set(Double(v)) }
                if let v = g.memTotal { gauge(r, "herd_gpu_memory_total_bytes", gl, "GPU memory").set(Double(v)) }
            }
        }
        let jobs = try JobService(context: state.services).list(all: true)
        for status in JobStatus.allCases {
            gauge(r, "herd_jobs", [("state", status.rawValue)], "Jobs in the database by state")
                .set(Double(jobs.filter { $0.status == status }.count))
        }
        let reserved = try SnapshotService(context: state.services).reservedRAM()
        let names = Set(hosts.map(\.host.name)).union(reserved.keys)
        for name in names.sorted() {
            gauge(r, "herd_host_reserved_ram_bytes", [("host", name)], "RAM held by reservations")
                .set(Double(reserved[name] ?? 0))
        }
        gauge(r, "herd_snapshot_age_seconds", [], "Seconds since the cached snapshot was taken")
            .set(await state.cache.cached.map { max(0, Date().timeIntervalSince($0.takenAt)) } ?? 0)
        return r
    }
}
