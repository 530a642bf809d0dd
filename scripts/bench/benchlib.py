"""Shared helpers for the load, fault and peer benchmarks (scripts/bench/*.py).

Starting and stopping a real `convene serve`, creating meetings with the CLI, reading a
process's CPU time and memory from /proc, and telling whether the machine was busy with
something else while a figure was measured.
"""
import hashlib
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("CONVENE_BIN", os.path.join(ROOT, ".build", "release", "convene"))
STATIC = os.path.join(ROOT, "web-static")
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
NCPU = os.cpu_count() or 1


def raise_file_limit():
    """ulimit -n to the hard limit (a fresh machine may start at 1024)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_binary(path=None, tries=10):
    """Copies the release binary to a private place and uses that copy from then on, so a
    rebuild by someone else (the binary missing, half written, or replaced between two
    restarts of a fault run) cannot change the server in the middle of a measurement.
    Waits a minute and retries while the binary is missing or still changing."""
    global BIN
    path = path or BIN
    for i in range(tries):
        try:
            st1 = os.stat(path)
            time.sleep(2)
            st2 = os.stat(path)
            if st1.st_mtime_ns == st2.st_mtime_ns and st1.st_size == st2.st_size and os.access(path, os.X_OK):
                with open(path, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()[:12]
                copy = os.path.join(tempfile.gettempdir(), f"convene-bench-{digest}")
                if not os.path.exists(copy):
                    shutil.copy2(path, copy + ".tmp")
                    os.replace(copy + ".tmp", copy)
                if subprocess.run([copy, "--help"], capture_output=True).returncode == 0:
                    BIN = copy
                    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(st2.st_mtime))
                    print(f"[bench] server binary: {path} built {when}, sha256 {digest}…, run from {copy}",
                          file=sys.stderr)
                    return copy
        except OSError:
            pass
        print(f"[bench] {path} is missing or being rebuilt; waiting a minute", file=sys.stderr)
        time.sleep(60)
    raise SystemExit(f"{path} not usable: build it with `make build-release`")


# ---------------------------------------------------------------- /proc readings

def proc_cpu_seconds(pid):
    """utime + stime of a process (all its threads), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def thread_cpu_seconds(pid):
    """CPU seconds per thread: "main loop" (the service loop: the process's first thread)
    and "<name>/<tid>" for the others (writer, embedder, OpenBLAS, …)."""
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                raw = f.read()
        except OSError:
            continue
        name = "main loop" if tid == str(pid) else f"{raw[raw.index('(') + 1:raw.rindex(')')]}/{tid}"
        fields = raw.rsplit(")", 1)[1].split()
        out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / CLK_TCK
    return out


def proc_status_kb(pid, key):
    """A `VmRSS`/`VmHWM`-style line of /proc/<pid>/status, in kB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def reset_peak_rss(pid):
    """Writing 5 to clear_refs resets VmHWM (Linux >= 4.0), so a peak covers one phase only."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def machine_cpu_seconds():
    """Busy CPU seconds of the whole machine (all cores), from /proc/stat."""
    with open("/proc/stat") as f:
        parts = f.readline().split()[1:]
    vals = [int(x) for x in parts]
    idle = vals[3] + (vals[4] if len(vals) > 4 else 0)
    return (sum(vals[:8]) - idle) / CLK_TCK


def io_pressure_total():
    """Microseconds some task was stalled on I/O (PSI), or None without /proc/pressure."""
    try:
        with open("/proc/pressure/io") as f:
            return int(f.readline().split("total=")[1])
    except (OSError, IndexError, ValueError):
        return None


def loadavg():
    with open("/proc/loadavg") as f:
        return tuple(float(x) for x in f.read().split()[:3])


class BusyMeter:
    """CPU used on this machine by processes other than `pids` (and their threads) over an
    interval, in cores. A figure measured while this is high is not trusted (the machine
    has 2 cores and another engineer compiles and runs tests at times)."""

    def __init__(self, pids):
        self.pids = [p for p in pids if p]

    def _ours(self):
        total = 0.0
        for p in self.pids:
            try:
                total += proc_cpu_seconds(p)
            except OSError:
                pass
        return total

    def start(self):
        self.t0 = time.monotonic()
        self.m0 = machine_cpu_seconds()
        self.o0 = self._ours()
        self.load0 = loadavg()
        self.io0 = io_pressure_total()
        return self

    def stop(self):
        dt = max(1e-6, time.monotonic() - self.t0)
        machine = machine_cpu_seconds() - self.m0
        ours = self._ours() - self.o0
        self.other_cores = max(0.0, (machine - ours) / dt)
        self.load1 = loadavg()
        io1 = io_pressure_total()
        # Share of the time some task waited for the disk (our own fsyncs included).
        self.io_stall = (io1 - self.io0) / 1e6 / dt if io1 is not None and self.io0 is not None else float("nan")
        return self.other_cores


def wait_until_quiet(max_wait=120, threshold=0.35, label=""):
    """Waits (up to max_wait s) until other processes use less than `threshold` cores over
    a 2 s sample; returns the last sample and the 1-min load average."""
    deadline = time.monotonic() + max_wait
    while True:
        m = BusyMeter([os.getpid()]).start()
        time.sleep(2)
        other = m.stop()
        if other < threshold or time.monotonic() > deadline:
            if other >= threshold:
                print(f"[bench] {label}: machine still busy ({other:.2f} cores used by others); measuring anyway",
                      file=sys.stderr)
            return other, loadavg()[0]
        print(f"[bench] {label}: machine busy ({other:.2f} cores used by others, load {loadavg()[0]:.2f}); waiting",
              file=sys.stderr)


# ---------------------------------------------------------------- Convene server

def parse_meeting(text):
    code = re.search(r"Join code:\s+([A-Z0-9]{6})", text)
    key = re.search(r"#key=([0-9a-f]+)", text)
    if not code or not key:
        raise RuntimeError(f"cannot parse meeting links from: {text!r}")
    return code.group(1), key.group(1)


def create_meetings(data, count, workers=4, title="Bench"):
    """Creates `count` meetings with the CLI (~20 ms each), several at a time (SQLite WAL with
    a 5 s busy timeout serializes the writes). Returns [(code, key)] in creation order."""
    os.makedirs(data, exist_ok=True)
    # The first one alone: it creates the database file and its tables.
    def one(i):
        out = subprocess.run([BIN, "meeting", "create", "--title", f"{title} {i}", "--industry", "Light manufacturing",
                              "--region", "Loopback", "--data", data], check=True, capture_output=True, text=True).stdout
        return parse_meeting(out)
    result = [one(0)]
    if count > 1:
        with ThreadPoolExecutor(workers) as ex:
            result += list(ex.map(one, range(1, count)))
    return result


class ConveneServer:
    """`convene serve` on a loopback port. stdout is read by a thread (so the pipe never
    fills) which notes when "Convene is serving" appears; stderr goes to a log file."""

    def __init__(self, data, port=None, extra=(), prefix=()):
        self.data = data
        self.port = port or free_port()
        self.extra = list(extra)
        self.prefix = list(prefix)   # e.g. valgrind and its options
        self.proc = None
        self.log_path = data.rstrip("/") + "-server.log"

    def start(self, timeout=120):
        self.serving = threading.Event()
        self.lines = []
        self.log = open(self.log_path, "ab")
        t0 = time.perf_counter()
        self.proc = subprocess.Popen(self.prefix + [BIN, "serve", "--data", self.data, "--port", str(self.port), "--bind", "127.0.0.1",
                                      "--static-dir", STATIC] + self.extra,
                                     stdout=subprocess.PIPE, stderr=self.log, preexec_fn=raise_file_limit, cwd=ROOT)
        self.started_at = t0
        self.serving_at = None

        def reader(proc=self.proc, serving=self.serving, lines=self.lines):
            for raw in proc.stdout:
                line = raw.decode(errors="replace")
                lines.append(line)
                if not serving.is_set() and "Convene is serving" in line:
                    self.serving_at = time.perf_counter()
                    serving.set()
            serving.set()   # exited

        threading.Thread(target=reader, daemon=True).start()
        if not self.serving.wait(timeout) or self.serving_at is None:
            self.kill()
            raise RuntimeError(f"server did not start: {''.join(self.lines)[-2000:]}")
        text = "".join(self.lines)
        self.grouping = ("semantic (model loaded)" if "Semantic grouping is on" in text else
                         "lexical (no model)" if "Semantic grouping is off" in text else "n/a")
        self.startup_seconds = self.serving_at - t0
        return self

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    @property
    def url(self):
        return f"ws://127.0.0.1:{self.port}/ws"

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        if self.proc:
            self.log.close()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.proc:
            self.log.close()


class PeerServer:
    """scripts/bench/peer_server.py in its own process (so its CPU is measured apart)."""

    def __init__(self, port=None):
        self.port = port or free_port()
        self.proc = None

    def start(self, timeout=30):
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "peer_server.py")
        self.proc = subprocess.Popen([sys.executable, script, "--port", str(self.port)], stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, preexec_fn=raise_file_limit)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline().decode()
            if not line:
                raise RuntimeError("peer server exited")
            if "serving" in line:
                threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()
                return self
        raise RuntimeError("peer server did not start")

    @property
    def pid(self):
        return self.proc.pid

    @property
    def url(self):
        return f"ws://127.0.0.1:{self.port}/ws"

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def tempdir(prefix="convene-bench-"):
    return tempfile.mkdtemp(prefix=prefix)


def rmtree(path):
    shutil.rmtree(path, ignore_errors=True)
    for suffix in ("-server.log",):
        try:
            os.unlink(path.rstrip("/") + suffix)
        except OSError:
            pass


# ---------------------------------------------------------------- statistics

def percentile(sorted_values, q):
    if not sorted_values:
        return float("nan")
    i = min(len(sorted_values) - 1, max(0, int(round(q * (len(sorted_values) - 1)))))
    return sorted_values[i]


class MessageAssembler:
    """Joins the fragments of a WebSocket text message (the server sends messages over
    32 KiB, such as a full wall's snapshot, in fragments). `add(frame)` returns the whole
    message's bytes once its last fragment is in, else None."""

    def __init__(self):
        self.parts = None

    def add(self, frame):
        if frame.fin and self.parts is None:
            return frame.get_payload_as_bytes()
        if self.parts is None:
            self.parts = bytearray()
        self.parts += frame.get_payload_as_bytes()
        if not frame.fin:
            return None
        data, self.parts = bytes(self.parts), None
        return data
