#!/usr/bin/env python3
"""Start-up of packaged builds side by side: spawn to the first 200 of /q/health/ready and the JVM's CPU until then.

Each round starts every variant once (the order reversed every other round), so that the other work on a shared
machine weighs on all of them alike; prints each start and, at the end, the medians and their ratio to the first
variant. Compare ratios from one run, never absolute times across runs (src/docs/performance.md, Start-up).

    python3 src/bench/interleaved-starts.py ROUNDS NAME=JAVA|APP_DIR|JVM_OPTIONS ...

e.g. a copy of the previous build's target/quarkus-app against the new one, and the new one with a JDK 25 AOT cache:

    python3 src/bench/interleaved-starts.py 5 old=java|../old-app| new=java|target/quarkus-app| \\
        aot=/path/to/jdk-25/bin/java|target/quarkus-app|-XX:AOTCache=target/quarkus-app/app.aot

Environment: DB_URL (default jdbc:postgresql://127.0.0.1:5432/postgres; migrated by the first start), DB_USER
(postgres), DB_PASSWORD (empty). Each start gets a free port, XBORDER_DEMO=false and a bootstrap admin key of its own
run; it is stopped with SIGTERM once ready.
"""
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HZ = os.sysconf('SC_CLK_TCK')
KEY = 'xb_' + secrets.token_urlsafe(32)


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def cpu_ms(pid):
    with open(f'/proc/{pid}/stat') as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / HZ  # utime + stime of all the JVM's threads


def start(java, app_dir, options, log):
    port = free_port()
    env = dict(os.environ, DB_URL=os.environ.get('DB_URL', 'jdbc:postgresql://127.0.0.1:5432/postgres'),
               DB_USER=os.environ.get('DB_USER', 'postgres'), DB_PASSWORD=os.environ.get('DB_PASSWORD', ''),
               PORT=str(port), QUARKUS_HTTP_HOST='127.0.0.1', XBORDER_DEMO='false', XBORDER_BOOTSTRAP_ADMIN_KEY=KEY)
    t0 = time.monotonic()
    p = subprocess.Popen([java] + options + ['-jar', os.path.join(app_dir, 'quarkus-run.jar')],
                         stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f'http://127.0.0.1:{port}/q/health/ready'
    try:
        while True:
            if p.poll() is not None:
                raise SystemExit(f'{app_dir}: the service exited with {p.returncode}; see {log.name}')
            if time.monotonic() - t0 > 600:
                raise SystemExit(f'{app_dir}: not ready in 600 s; see {log.name}')
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        return (time.monotonic() - t0) * 1000, cpu_ms(p.pid)
            except OSError:
                pass
            time.sleep(0.01)
    finally:
        p.send_signal(signal.SIGTERM)
        try:
            p.wait(60)
        except subprocess.TimeoutExpired:
            p.kill()


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    rounds = int(sys.argv[1])
    variants = []
    for arg in sys.argv[2:]:
        name, spec = arg.split('=', 1)
        java, app_dir, options = (spec.split('|') + ['', ''])[:3]
        variants.append((name, java, app_dir, options.split()))
    results = {v[0]: [] for v in variants}
    with tempfile.TemporaryDirectory(prefix='xborder-starts') as logs:
        for i in range(rounds):
            for name, java, app_dir, options in (variants if i % 2 == 0 else variants[::-1]):
                with open(os.path.join(logs, name + '.log'), 'w') as log:
                    ready, cpu = start(java, app_dir, options, log)
                results[name].append((ready, cpu))
                print(f'round {i} {name}: ready {ready:.0f} ms, CPU {cpu:.0f} ms', flush=True)
    load = ' / '.join(f'{x:.1f}' for x in os.getloadavg())
    print(f'{os.cpu_count()} CPUs, load average {load} at the end')
    first = variants[0][0]
    base_ready = statistics.median(r for r, _ in results[first])
    base_cpu = statistics.median(c for _, c in results[first])
    for name, runs in results.items():
        ready = statistics.median(r for r, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f'{name:12s} spawn to ready {ready:7.0f} ms ({ready / base_ready:.2f}x)   CPU until ready {cpu:7.0f} ms '
              f'({cpu / base_cpu:.2f}x)   starts: {", ".join(f"{r:.0f}" for r, _ in runs)}')


if __name__ == '__main__':
    main()
