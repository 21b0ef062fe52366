"""The `serve` section of `make bench` (issue 11): cached reads from `herd serve` against a live `herd ls --json`
over the same test-bed hosts, latency under 50 concurrent clients, and the daemon's own CPU and memory."""
import http.client
import json
import os
import socket
import statistics
import subprocess
import tempfile
import threading
import time


class UnixHTTPConnection(http.client.HTTPConnection):
    """http.client over a Unix socket (what a local client of herd.sock does)."""

    def __init__(self, path):
        super().__init__("herd")
        self.path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.path)


def get(conn_factory, path):
    c = conn_factory()
    try:
        c.request("GET", path)
        r = c.getresponse()
        body = r.read()
        return r.status, body
    finally:
        c.close()


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def serve_section(n=32):
    from bench import HERD, TestBed, run, median_run, proc_cpu_seconds
    bed = TestBed(n, "bs")
    proc = None
    try:
        with tempfile.TemporaryDirectory() as home:
            env = bed.herd_env(home)
            # herd ls --json live, warm (ControlMasters up), as a user runs it.
            run([HERD, "ls", "--json"], env=env)
            ls_ms, _ = median_run([HERD, "ls", "--json"], env=env, repeat=7)
            log = open(os.path.join(home, "serve.log"), "w")
            proc = subprocess.Popen([HERD, "serve", "--listen", "127.0.0.1:0", "--interval", "1"], env=env,
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
            sock = os.path.join(home, "herd.sock")
            port = None
            deadline = time.time() + 60
            while time.time() < deadline and port is None:
                for line in open(os.path.join(home, "serve.log")).read().splitlines():
                    if "listening on http://" in line:
                        port = int(line.rsplit(":", 1)[1].split()[0])
                time.sleep(0.05)
            if port is None:
                raise SystemExit("bench: herd serve did not start: " + open(os.path.join(home, "serve.log")).read()[-500:])
            unix = lambda: UnixHTTPConnection(sock)
            tcp = lambda: http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            status, body = get(unix, "/v1/snapshot")  # waits for the first round
            up = sum(1 for h in json.loads(body)["hosts"] if h["status"] == "complete")
            # Cached GET /v1/snapshot, one client, a new connection per request.
            singles = []
            for _ in range(300):
                t = time.perf_counter()
                s, _ = get(unix, "/v1/snapshot")
                singles.append((time.perf_counter() - t) * 1000)
                assert s == 200
            snap_ms = statistics.median(singles)
            # 2,000 requests from 50 concurrent clients over loopback TCP.
            lat, errors, lock = [], [0], threading.Lock()

            def client(count):
                for _ in range(count):
                    t = time.perf_counter()
                    try:
                        s, _ = get(tcp, "/v1/snapshot")
                        ok = s == 200
                    except OSError:
                        ok = False
                    with lock:
                        lat.append((time.perf_counter() - t) * 1000)
                        if not ok:
                            errors[0] += 1
            threads = [threading.Thread(target=client, args=(40,)) for _ in range(50)]
            t0 = time.perf_counter()
            for th in threads:
                th.start()
            for th in threads:
                th.join()
            load_s = time.perf_counter() - t0
            # The daemon at rest: 30 s of 1 s rounds over every host.
            c0, w0 = proc_cpu_seconds(proc.pid), time.perf_counter()
            time.sleep(30)
            cpu_pct = (proc_cpu_seconds(proc.pid) - c0) / (time.perf_counter() - w0) * 100
            with open(f"/proc/{proc.pid}/status") as f:
                rss_kb = next(int(l.split()[1]) for l in f if l.startswith("VmRSS:"))
            proc.terminate()
            proc.wait(timeout=30)
            proc = None
    finally:
        if proc is not None:
            proc.kill()
        bed.stop()
    ratio = snap_ms / ls_ms
    return [
        "## herd serve (issue 11)",
        "",
        f"{n} test-bed hosts ({up} answered completely), release build, `herd serve --interval 1`. Cached reads over the",
        "Unix socket with Python's http.client (a new connection per request); `herd ls --json` probes live (warm",
        "ControlMasters), median of 7.",
        "",
        "| figure | value | target |",
        "| --- | --- | --- |",
        f"| cached `GET /v1/snapshot`, median of 300 | {snap_ms:.2f} ms | |",
        f"| `herd ls --json` live, median | {ls_ms:.0f} ms | |",
        f"| ratio cached / live | {ratio:.3f}x | |",
        f"| 2,000 `GET /v1/snapshot` from 50 concurrent clients (TCP): p50 / p99 | {percentile(lat, 50):.1f} ms / "
        f"{percentile(lat, 99):.1f} ms ({2000 / load_s:.0f} req/s) | |",
        f"| errors among those 2,000 | {errors[0]} | 0 {'ok' if errors[0] == 0 else 'MISSED'} |",
        f"| herd serve CPU at rest (1 s rounds over {n} hosts, own process) | {cpu_pct:.2f}% of one core | < 1.5% "
        f"{'ok' if cpu_pct < 1.5 else 'MISSED'} |",
        f"| herd serve RSS | {rss_kb / 1024:.1f} MB | < 30 MB {'ok' if rss_kb < 30 * 1024 else 'MISSED'} |",
        "",
    ]
