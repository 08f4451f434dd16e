"""Closed-loop HTTP load from a separate process: ``clients`` threads, each with its own
connection per request (gunicorn's sync workers close after every response), requesting the
given paths in turn for ``duration`` seconds after a ``warmup``. Before that, the first 20
paths are requested once each, one at a time (a page with more paths, like 300 product pages,
stays mostly uncached: its figures are those of a first visit).

    python tests/perf/lib/loadgen.py < spec.json > results.json

spec: {"host", "port", "clients", "duration", "warmup", "pages": [{"name", "paths": [...]}]}
result per page: requests, errors (non-2xx or socket errors), p50/p95/p99 and mean in ms,
throughput (requests/s). Latency is the client's: connect, send, full response read.
"""
import http.client
import json
import statistics
import sys
import threading
import time

PRIMED_PATHS = 20


def _worker(host, port, paths, offset, stop_at, record_from, latencies, errors, lock, last):
    index = offset
    mine, failed, finished = [], 0, record_from
    while True:
        started = time.perf_counter()
        if started >= stop_at:
            break
        path = paths[index % len(paths)]
        index += 1
        try:
            connection = http.client.HTTPConnection(host, port, timeout=30)
            connection.request("GET", path, headers={"Accept-Encoding": "gzip, br", "Host": host})
            response = connection.getresponse()
            response.read()
            ok = 200 <= response.status < 300
            connection.close()
        except (OSError, http.client.HTTPException):
            ok = False
        finished = time.perf_counter()
        if started >= record_from:
            if ok:
                mine.append(finished - started)
            else:
                failed += 1
    with lock:
        latencies.extend(mine)
        errors[0] += failed
        last[0] = max(last[0], finished)


def _prime(host, port, paths) -> None:
    """One request to each of the first few paths, one at a time: a page's first, uncached
    rendering happens here rather than eight times at once in the measured period."""
    for path in paths[:PRIMED_PATHS]:
        try:
            connection = http.client.HTTPConnection(host, port, timeout=120)
            connection.request("GET", path, headers={"Host": host})
            connection.getresponse().read()
            connection.close()
        except (OSError, http.client.HTTPException):
            pass


def run_page(host, port, paths, *, clients, duration, warmup) -> dict:
    _prime(host, port, paths)
    latencies, errors, lock = [], [0], threading.Lock()
    begin = time.perf_counter()
    record_from = begin + warmup
    stop_at = record_from + duration
    last = [stop_at]
    # Requests started in the measured period count, however long they take to finish.
    threads = [
        threading.Thread(target=_worker,
                         args=(host, port, paths, i * len(paths) // clients, stop_at, record_from, latencies,
                               errors, lock, last))
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    count = len(latencies)

    def percentile(p):
        return round(latencies[min(count - 1, int(p * count))] * 1000, 2) if count else None

    return {
        "requests": count,
        "errors": errors[0],
        "p50_ms": percentile(0.50),
        "p95_ms": percentile(0.95),
        "p99_ms": percentile(0.99),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 2) if count else None,
        "throughput_rps": round(count / (last[0] - record_from), 1),
    }


def main() -> None:
    spec = json.load(sys.stdin)
    results = {}
    for page in spec["pages"]:
        results[page["name"]] = run_page(
            spec["host"], spec["port"], page["paths"], clients=spec["clients"], duration=spec["duration"],
            warmup=spec["warmup"],
        )
        print(f"  {page['name']}: {results[page['name']]}", file=sys.stderr, flush=True)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
