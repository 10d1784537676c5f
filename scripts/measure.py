#!/usr/bin/env python3
"""Measures skyview's whole-program performance budget; run it through scripts/measure.sh.

The app runs in a tmux pane of 120x40, driven through one tmux *control-mode* client
(`tmux -C`): keys go in as `send-keys` commands written to that client, and everything
the app writes to its terminal comes back as `%output` notifications, which this script
timestamps as they arrive (CLOCK_MONOTONIC, nanoseconds). A screen counts as shown when
the bytes of a frame that holds the expected text have arrived, up to the escape
sequence every ratatui frame ends with (cursor hide or show, written after the cells).
No polling of capture-pane: the resolution is tmux's own forwarding delay, which the
`echo` floor row measures.

Memory and CPU come from /proc: VmRSS in /proc/PID/status; utime+stime in
/proc/PID/stat (10 ms ticks); the exact run time of every thread in
/proc/PID/task/*/schedstat (nanoseconds); context switches of every thread in
/proc/PID/task/*/status (a thread that wakes up switches at least once).

Everything talks to 127.0.0.1 only, every wait is bounded, and the tmux server and the
demo server started here are stopped at the end, whatever happens.
"""

import argparse
import codecs
import http.server
import os
import queue
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FRAME_END = re.compile(rb"\x1b\[\?25[lh]")
OCTAL = re.compile(rb"\\([0-7]{3})")
CLK_TCK = os.sysconf("SC_CLK_TCK")

SAMPLE = {
    "SKYPOSTAL_USER_CODE": "396",
    "SKYPOSTAL_APP_KEY": "1656d700707ad9a77f737e5df3db088a",
    "SKYPOSTAL_BOX_ID": "811111",
    "SKYPOSTAL_CUSTOMER_KEY": "YpbCNpzqxYqVWv+tzg4e4Ex6ALiT+DfKSYA3NY2dZcw=",
}
MANY = dict(
    SAMPLE,
    SKYPOSTAL_BOX_ID="855555",
    SKYPOSTAL_CUSTOMER_KEY="UisQv1iXcxlrOq4aQz9WZY+J8P5mFR9G114wu11xI68=",
)
LARGEST = dict(
    SAMPLE,
    SKYPOSTAL_BOX_ID="866666",
    SKYPOSTAL_CUSTOMER_KEY="AStwIYo/rctydYJyBzQxFF3sj9tMmIaBX/EquGmBeXQ=",
)

FORM = [b"Customer lookup", b"User code", b"Customer key", b"look up"]
JOHN = [b"John Doe", b"JOHNDOE@EMAIL.COM", b"Business", b"1-5"]
IMPORTADORA = [b"Importadora Cafetera", b"Addresses (300)", b"Business", b"1-5"]
MERCURIO = [b"Comercializadora", b"Business", b"1-5"]
ADDRESSES_TAB = [b"Address 1 of", b"Street", b"Country"]
SHIPMENTS_SAMPLE = [b"2 shipments", b"BILLED (PAY)", b"test_co123nopb1"]
SHIPMENTS_MANY = [b"2000 shipments", b"Received", b"Invoice"]
# What a pop may add to the lookup it hands over: starting the `pop` process (the
# launch floor row: a few ms) and one message over the local socket.
POP_MARGIN_MS = 5
# Launches per run for the two launch rows judged against their floor, and for that
# floor, taken side by side: one launch each per run left a run's median of five
# moving by half a millisecond on a 2-core machine, a third of the 1.5 ms allowed.
LAUNCHES = 3
BIG_SHIPMENTS = 85_000  # about the most an 8 MiB answer holds
BIG_ACCOUNTS = 24_000  # a partner answer of 4.8 MB
SHIPMENTS_BIG = [f"{BIG_SHIPMENTS} shipments".encode(), b"Received", b"Invoice"]
ACCOUNTS_BIG = [b"Accounts of big@example.com", b"choose one"]


class Failure(Exception):
    pass


class Screen:
    """Just enough of a terminal to read ratatui's frames back: cursor moves, clears,
    text (with East Asian wide characters), escape sequences skipped. ratatui draws only
    the cells that changed, so a frame can only be read on top of the screen before."""

    def __init__(self, rows=40, cols=120):
        self.rows, self.cols = rows, cols
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self.clear()
        self.state = "text"
        self.params = ""

    def clear(self):
        self.grid = [[" "] * self.cols for _ in range(self.rows)]
        self.row = self.col = 0

    def text(self):
        return ["".join(r) for r in self.grid]

    def holds(self, needles):
        rows = self.text()
        return all(any(n in r for r in rows) for n in needles)

    def feed(self, data):
        for ch in self.decoder.decode(data):
            self._char(ch)

    def _char(self, ch):
        if self.state == "esc":
            if ch == "[":
                self.state, self.params = "csi", ""
            elif ch == "]":
                self.state = "osc"
            else:
                self.state = "text"
            return
        if self.state == "csi":
            if "\x40" <= ch <= "\x7e":
                self._csi(self.params, ch)
                self.state = "text"
            else:
                self.params += ch
            return
        if self.state == "osc":
            if ch == "\x07":
                self.state = "text"
            elif ch == "\x1b":
                self.state = "esc"
            return
        if ch == "\x1b":
            self.state = "esc"
        elif ch == "\r":
            self.col = 0
        elif ch == "\n":
            self.row = min(self.row + 1, self.rows - 1)
        elif ch == "\b":
            self.col = max(self.col - 1, 0)
        elif ch >= " " and ch != "\x7f":
            width = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
            if unicodedata.combining(ch):
                return
            if self.col + width > self.cols:
                self.col = 0
                self.row = min(self.row + 1, self.rows - 1)
            self.grid[self.row][self.col] = ch
            if width == 2 and self.col + 1 < self.cols:
                self.grid[self.row][self.col + 1] = ""
            self.col += width

    def _csi(self, params, final):
        if params.startswith("?"):
            if params == "?1049" and final in "hl":
                self.clear()
            return
        numbers = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []
        if final in "Hf":
            row = numbers[0] if numbers and numbers[0] else 1
            col = numbers[1] if len(numbers) > 1 and numbers[1] else 1
            self.row, self.col = min(row, self.rows) - 1, min(col, self.cols) - 1
        elif final == "J" and numbers[:1] == [2]:
            self.grid = [[" "] * self.cols for _ in range(self.rows)]
        elif final == "K":
            for c in range(self.col, self.cols):
                self.grid[self.row][c] = " "
        elif final == "C":
            self.col = min(self.col + (numbers[0] if numbers and numbers[0] else 1), self.cols - 1)


class Tmux:
    """One tmux server on a private socket and one control-mode client attached to it."""

    def __init__(self, socket_path, deadline):
        self.deadline = deadline
        self.proc = subprocess.Popen(
            ["tmux", "-S", socket_path, "-f", "/dev/null", "-C", "new-session",
             "-s", "measure", "-x", "120", "-y", "40", "cat"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0,
        )
        self.lock = threading.Lock()
        # Output per pane: bytes, and (monotonic ns of arrival, offset after the chunk).
        self.outputs = {}
        self.pane_id = None  # the pane of the process under measurement
        self.stream = bytearray()
        self.stamps = []
        self.screen = Screen()
        self.fed = 0  # bytes of stream the screen has read
        self.replies = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self._reply(10)  # the reply to new-session itself

    def _read(self):
        pending = b""
        block = None
        fd = self.proc.stdout.fileno()
        while True:
            data = os.read(fd, 1 << 16)
            now = time.monotonic_ns()
            if not data:
                self.replies.put(None)
                return
            pending += data
            *lines, pending = pending.split(b"\n")
            for line in lines:
                if line.startswith(b"%output "):
                    _, pane, payload = line.split(b" ", 2)
                    raw = OCTAL.sub(lambda m: bytes([int(m.group(1), 8)]), payload)
                    with self.lock:
                        stream, stamps = self.outputs.setdefault(pane.decode(), (bytearray(), []))
                        stream += raw
                        stamps.append((now, len(stream)))
                elif line.startswith(b"%begin "):
                    block = []
                elif line.startswith((b"%end ", b"%error ")) and block is not None:
                    self.replies.put((line.startswith(b"%end "), block))
                    block = None
                elif block is not None:
                    block.append(line.decode(errors="replace"))

    def _reply(self, timeout):
        try:
            reply = self.replies.get(timeout=timeout)
        except queue.Empty:
            raise Failure("tmux did not answer a command") from None
        if reply is None:
            raise Failure("tmux control client ended")
        return reply

    def send(self, command):
        """Writes one command; returns when it was written (ns) and tmux's reply."""
        sent = time.monotonic_ns()
        self.proc.stdin.write(command.encode() + b"\n")
        ok, lines = self._reply(10)
        if not ok:
            raise Failure(f"tmux: {command}: {' '.join(lines)}")
        return sent, lines

    def mark(self):
        """Where the output stands now: later waits look at what comes after."""
        with self.lock:
            return len(self.stream)

    def frame_bytes(self, stamp):
        """The pane's output up to the chunk that arrived at `stamp`."""
        with self.lock:
            ends = [offset for at, offset in self.stamps if at == stamp]
            return bytes(self.stream[: max(ends, default=len(self.stream))])

    def bytes_since(self, mark):
        with self.lock:
            return len(self.stream) - mark

    def wait_frame(self, mark, needles, timeout=10.0):
        """Waits for the first frame written after `mark` that leaves every needle on
        screen; returns when that frame's last byte arrived (ns)."""
        needles = [n.decode() for n in needles]
        end = time.monotonic() + timeout
        while time.monotonic() < end and time.monotonic() < self.deadline:
            with self.lock:
                stream = bytes(self.stream)
                stamps = list(self.stamps)
            if self.fed < mark:
                self.screen.feed(stream[self.fed:mark])
                self.fed = mark
            for done in FRAME_END.finditer(stream, max(self.fed - 8, mark)):
                if done.end() <= self.fed:
                    continue
                self.screen.feed(stream[self.fed:done.end()])
                self.fed = done.end()
                if self.screen.holds(needles):
                    for stamp, offset in stamps:
                        if offset >= done.end():
                            return stamp
            time.sleep(0.0002)
        screen = "\n".join(r.rstrip() for r in self.screen.text())
        with self.lock:
            tail = bytes(self.stream[-400:])
        state = self.pane("#{pane_dead} #{pane_dead_status} #{pane_pid} #{pane_start_command}")
        raise Failure(
            f"no frame with {needles!r} within {timeout} s; the screen:\n{screen}\n"
            f"the last bytes: {tail!r}\npane (dead, status, pid, command): {state}"
        )

    def pane(self, fmt):
        _, lines = self.send(f"display-message -p -t {self.pane_id} '{fmt}'")
        return lines[0] if lines else ""

    def keys(self, *keys):
        return self.send(f"send-keys -t {self.pane_id} " + " ".join(keys))[0]

    def respawn(self, argv, env=None):
        """Starts argv in a new window of its own (the one before is closed); returns
        when the command was written (ns). A new pane each time, not respawn-pane:
        tmux 3.3a's server can crash forwarding the output of a respawned pane to a
        control client."""
        if self.pane_id is not None:
            self.send(f"kill-window -t {self.pane_id}")
        parts = ["new-window", "-d", "-P", "-F", "#{pane_id}", "-t", "measure:"]
        for name, value in (env or {}).items():
            parts += ["-e", f"{name}={value}"]
        parts += argv
        sent, lines = self.send(" ".join(quote(p) for p in parts))
        self.pane_id = lines[0].strip()
        with self.lock:
            self.stream, self.stamps = self.outputs.setdefault(self.pane_id, (bytearray(), []))
        self.screen = Screen()
        self.fed = 0
        return sent

    def check_size(self):
        size = self.pane("#{pane_width}x#{pane_height}")
        if size != "120x40":
            raise Failure(f"pane is {size}, not 120x40")

    def stop_pane(self, quit_keys=("C-c",)):
        self.check_size()
        for key in quit_keys:
            self.keys(key)
        end = time.monotonic() + 5
        while time.monotonic() < end:
            if self.pane("#{pane_dead}") == "1":
                return
            time.sleep(0.01)
        self.send(f"kill-window -t {self.pane_id}")
        self.pane_id = None

    def close(self):
        try:
            self.proc.stdin.write(b"kill-server\n")
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def quote(word):
    if re.fullmatch(r"[A-Za-z0-9_./:=+@%,-]+", word):
        return word
    return "'" + word.replace("'", "'\\''") + "'"


def tasks(pid):
    try:
        return os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []


def usage(pid):
    """CPU ticks (utime+stime), run time in ns and context switches, all threads."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    run_ns, switches = 0, 0
    for tid in tasks(pid):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as f:
                run_ns += int(f.read().split()[0])
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        switches += int(line.split()[1])
        except OSError:
            pass  # a thread that ended meanwhile
    return ticks, run_ns, switches


def status_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise Failure(f"no {field} for {pid}")


class Results:
    def __init__(self):
        self.rows = {}
        self.first_frame = None  # the app's output up to its first complete form

    def add(self, key, value):
        self.rows.setdefault(key, []).append(value)


def idle(tmux, pid, seconds):
    """CPU, wake-ups and terminal bytes of `pid` over `seconds` of doing nothing."""
    mark = tmux.mark()
    before = usage(pid)
    time.sleep(seconds)
    after = usage(pid)
    written = tmux.bytes_since(mark)
    ticks = after[0] - before[0]
    return {
        "cpu_ms": ticks * 1000 / CLK_TCK,
        "run_ms": (after[1] - before[1]) / 1e6,
        "wakeups": after[2] - before[2],
        "bytes": written,
    }


def main_thread_stalls(pid, stop, samples):
    """Samples the state of the app's main thread (its event loop) until `stop`."""
    path = f"/proc/{pid}/task/{pid}/stat"
    while not stop.is_set():
        try:
            with open(path) as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            return
        samples.append((time.monotonic_ns(), state))
        time.sleep(0.0002)


def longest_run(samples, start, end):
    """Longest stretch (ms) the thread stayed runnable between start and end (ns):
    from the first R sample to the first sample after it that is not R."""
    longest, began = 0.0, None
    for stamp, state in samples:
        if stamp < start or stamp > end:
            continue
        if state == "R":
            if began is None:
                began = stamp
        elif began is not None:
            longest = max(longest, (stamp - began) / 1e6)
            began = None
    return longest


def app_argv(binary, base_url):
    return [binary, "--base-url", base_url]


def run_session(tmux, results, binary, base_url, idle_seconds, warm_lookups):
    """One app process on the docs' sample: launch (its CPU time and its first frame,
    the floor's; the launch rows time launches taken beside that floor), idle on the
    form, first lookup, idle on the detail view, memory, tab switch, then lookups on
    the reused connection."""
    mark = 0  # respawn starts a new stream
    tmux.respawn(app_argv(binary, base_url), SAMPLE)
    shown = tmux.wait_frame(mark, FORM)
    pid = int(tmux.pane("#{pane_pid}"))
    results.add("launch_cpu", usage(pid)[1] / 1e6)
    if results.first_frame is None:
        results.first_frame = tmux.frame_bytes(shown)
    time.sleep(1)
    results.add("idle_form", idle(tmux, pid, idle_seconds))

    mark = tmux.mark()
    before = usage(pid)[1]
    t0 = tmux.keys("Enter")
    shown = tmux.wait_frame(mark, JOHN)
    results.add("sample_cpu", (usage(pid)[1] - before) / 1e6)
    results.add("sample_cold", (shown - t0) / 1e6)
    time.sleep(1)
    results.add("idle_detail", idle(tmux, pid, idle_seconds))
    results.add("rss", status_kib(pid, "VmRSS") / 1024)

    mark = tmux.mark()
    t0 = tmux.keys("2")
    results.add("tab_sample", (tmux.wait_frame(mark, ADDRESSES_TAB) - t0) / 1e6)
    mark = tmux.mark()
    t0 = tmux.keys("4")
    results.add("shipments_sample", (tmux.wait_frame(mark, SHIPMENTS_SAMPLE) - t0) / 1e6)

    for _ in range(warm_lookups):
        mark = tmux.mark()
        tmux.keys("Escape")
        tmux.wait_frame(mark, [b"look up"])
        time.sleep(0.05)
        mark = tmux.mark()
        t0 = tmux.keys("Enter")
        results.add("sample_warm", (tmux.wait_frame(mark, JOHN) - t0) / 1e6)
        time.sleep(0.05)
    tmux.stop_pane(("q",))


def run_many(tmux, results, binary, base_url):
    """300 addresses and 40 phones: first lookup and one on the reused connection."""
    mark = 0  # respawn starts a new stream
    tmux.respawn(app_argv(binary, base_url), MANY)
    tmux.wait_frame(mark, FORM)
    time.sleep(0.2)
    mark = tmux.mark()
    t0 = tmux.keys("Enter")
    results.add("many_cold", (tmux.wait_frame(mark, IMPORTADORA) - t0) / 1e6)
    for _ in range(2):
        time.sleep(0.05)
        mark = tmux.mark()
        tmux.keys("Escape")
        tmux.wait_frame(mark, [b"look up"])
        time.sleep(0.05)
        mark = tmux.mark()
        t0 = tmux.keys("Enter")
        results.add("many_warm", (tmux.wait_frame(mark, IMPORTADORA) - t0) / 1e6)
    time.sleep(0.5)  # the 2,000 shipments land beside the customer
    mark = tmux.mark()
    t0 = tmux.keys("4")
    results.add("shipments_many", (tmux.wait_frame(mark, SHIPMENTS_MANY) - t0) / 1e6)
    tmux.stop_pane(("q",))


def run_pop(tmux, results, binary, base_url, runtime_dir, samples=3):
    """`skyview pop` handing John Doe to a window waiting on the form, against Enter on
    that form for the same lookup; each time a new window (new connection), 0.2 s
    after its first frame. By box id with the docs' key on standard input (the docs'
    sample), and by e-mail (the partner lookup, then the customer). A pop is timed
    from spawning the `pop` process to the window's frame that shows the customer, and
    to pop's exit 0 (the window took the lookup), for information. Every window and
    pop share a private XDG_RUNTIME_DIR, so no other skyview of this user takes a pop."""
    env = dict(os.environ, XDG_RUNTIME_DIR=runtime_dir)
    window_env = dict(SAMPLE, XDG_RUNTIME_DIR=runtime_dir)
    email = "johndoe@email.com"
    lookups = (
        # key, pop's flags, pop's standard input, the window's flags for Enter
        ("box", ["--box-id", "811111", "--customer-key-stdin"],
         SAMPLE["SKYPOSTAL_CUSTOMER_KEY"].encode() + b"\n", []),
        ("email", ["--email", email], None, ["--email", email]),
    )

    def window(flags):
        tmux.respawn(app_argv(binary, base_url) + flags, window_env)
        tmux.wait_frame(0, [b"Customer lookup", b"look up"])  # a new stream
        time.sleep(0.2)  # the window binds its endpoint after its first frame
        return tmux.mark()

    for key, argv, stdin, flags in lookups:
        for _ in range(samples):
            mark = window([])
            exited = []
            t0 = time.monotonic_ns()
            pop = subprocess.Popen(
                [binary, "pop", *argv], env=env, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            )

            def reap(pop=pop, exited=exited):
                # The key in, the sentence of an error out; then the exit, stamped.
                _, err = pop.communicate(stdin, timeout=10)
                exited.append((time.monotonic_ns(), pop.returncode, err))

            reaper = threading.Thread(target=reap, daemon=True)
            reaper.start()
            shown = tmux.wait_frame(mark, JOHN)
            reaper.join(10)
            if not exited or exited[0][1] != 0:
                raise Failure(f"skyview pop {' '.join(argv)}: {exited!r}")
            results.add(f"pop_{key}", (shown - t0) / 1e6)
            results.add(f"pop_{key}_exit", (exited[0][0] - t0) / 1e6)
            tmux.stop_pane(("q",))
        for _ in range(samples):
            mark = window(flags)
            t0 = tmux.keys("Enter")
            results.add(f"enter_{key}", (tmux.wait_frame(mark, JOHN) - t0) / 1e6)
            tmux.stop_pane(("q",))


def stalls_while(results, key, pid, act):
    """The longest the app's event loop was busy without a break while `act()` runs
    (it returns when what it waited for is on screen), and 0.3 s after."""
    samples, stop = [], threading.Event()
    sampler = threading.Thread(target=main_thread_stalls, args=(pid, stop, samples), daemon=True)
    sampler.start()
    time.sleep(0.05)
    t0 = time.monotonic_ns()
    shown = act()
    time.sleep(0.3)
    stop.set()
    sampler.join(5)
    results.add(key, longest_run(samples, t0, shown + 300_000_000))


def run_largest(tmux, results, binary, base_url):
    """The 8 MiB answer: Enter to screen, how long the event loop was ever busy without
    a break (a key pressed then waits that long), memory after, and a tab switch."""
    mark = 0  # respawn starts a new stream
    tmux.respawn(app_argv(binary, base_url), LARGEST)
    tmux.wait_frame(mark, FORM)
    pid = int(tmux.pane("#{pane_pid}"))
    time.sleep(0.2)

    def enter():
        mark = tmux.mark()
        t0 = tmux.keys("Enter")
        shown = tmux.wait_frame(mark, MERCURIO, timeout=30)
        results.add("largest_shown", (shown - t0) / 1e6)
        return shown

    stalls_while(results, "largest_stall", pid, enter)
    results.add("largest_rss", status_kib(pid, "VmRSS") / 1024)
    mark = tmux.mark()
    t0 = tmux.keys("2")
    results.add("tab_largest", (tmux.wait_frame(mark, ADDRESSES_TAB) - t0) / 1e6)
    tmux.stop_pane(("q",))


class BigAnswers(http.server.BaseHTTPRequestHandler):
    """A stand-in SkyPostal on 127.0.0.1 whose answers are as large as skyview takes:
    John Doe with 85,000 shipments, and an e-mail with 24,000 accounts."""

    customer = b""
    shipments = b""
    accounts = b""

    @classmethod
    def build(cls):
        with open(os.path.join(ROOT, "assets", "demo", "811111.json"), "rb") as f:
            cls.customer = f.read()
        now_ms = int(time.time() * 1000)
        # One a minute back from now: every row inside the default 90-day window.
        # Rows as small as a verified shipment gets, so that 85,000 fit in 8 MiB.
        rows = ",".join(
            '{"_verify":true,"trck_nmr_fol":%d,"date_received":"/Date(%d)/"}'
            % (20_000_000 + i, now_ms - i * 60_000)
            for i in range(BIG_SHIPMENTS))
        cls.shipments = f"[{rows}]".encode()
        accounts = ",".join(
            '{"_verify":true,"customer_box_id":%d,"customer_key":"%s",'
            '"customer_first_name":"Ana","customer_last_name":"Account %d",'
            '"is_active":true,"is_enable":true,"is_vip":false,"is_business":false}'
            % (900_000 + i, SAMPLE["SKYPOSTAL_CUSTOMER_KEY"], i)
            for i in range(BIG_ACCOUNTS))
        cls.accounts = f"[{accounts}]".encode()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.path.endswith("/customer/customer-get-shipments"):
            body = self.shipments
        elif self.path.endswith("/partner/customer-get-info"):
            body = self.accounts
        else:
            body = self.customer
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def run_big_answers(tmux, results, binary, big_url):
    """85,000 shipments and 24,000 accounts: readied off the event loop, which is
    never busy for longer than a frame (16 ms) while they arrive."""

    def start(argv):
        """The app on the form, and its pid."""
        tmux.respawn(argv, SAMPLE)
        tmux.wait_frame(0, FORM)  # respawn starts a new stream
        pid = int(tmux.pane("#{pane_pid}"))
        time.sleep(0.2)
        return pid

    def shipments():
        mark = tmux.mark()
        tmux.keys("Enter")
        tmux.wait_frame(mark, JOHN, timeout=30)
        mark = tmux.mark()
        tmux.keys("4")
        return tmux.wait_frame(mark, SHIPMENTS_BIG, timeout=30)

    def accounts():
        mark = tmux.mark()
        tmux.keys("Enter")
        return tmux.wait_frame(mark, ACCOUNTS_BIG, timeout=30)

    pid = start(app_argv(binary, big_url))
    stalls_while(results, "big_shipments_stall", pid, shipments)
    tmux.stop_pane(("q",))
    pid = start(app_argv(binary, big_url) + ["--email", "big@example.com"])
    stalls_while(results, "big_accounts_stall", pid, accounts)
    tmux.stop_pane()


def run_launch(tmux, results, key, argv, env=None):
    mark = 0  # respawn starts a new stream
    t0 = tmux.respawn(argv, env)
    results.add(key, (tmux.wait_frame(mark, FORM) - t0) / 1e6)
    time.sleep(0.2)
    tmux.stop_pane()


def run_launch_floor(tmux, results, work):
    """`cat` printing the app's own first frame, then waiting on the terminal: what
    starting any process and drawing that frame costs in this harness."""
    if results.first_frame is None:
        return
    frame = os.path.join(work, "first-frame")
    with open(frame, "wb") as f:
        f.write(results.first_frame)
    t0 = tmux.respawn(["cat", frame, "-"])
    results.add("launch_floor", (tmux.wait_frame(0, FORM) - t0) / 1e6)
    time.sleep(0.1)
    tmux.stop_pane(("C-d",))


def run_floor(tmux, results, base_url, warm_lookups):
    client = os.path.join(ROOT, "scripts", "floor_client.py")
    mark = 0  # respawn starts a new stream
    tmux.respawn(["python3", client, "echo"])
    tmux.wait_frame(mark, [b"floor ready"])
    for _ in range(3):
        time.sleep(0.05)
        mark = tmux.mark()
        t0 = tmux.keys("Enter")
        results.add("floor_echo", (tmux.wait_frame(mark, [b" key"]) - t0) / 1e6)
    tmux.stop_pane()

    mark = 0  # respawn starts a new stream
    tmux.respawn(["python3", client, base_url])
    tmux.wait_frame(mark, [b"floor ready"])
    time.sleep(0.2)
    for n in range(1 + warm_lookups):
        time.sleep(0.05)
        mark = tmux.mark()
        t0 = tmux.keys("Enter")
        stamp = tmux.wait_frame(mark, [b"JOHNDOE@EMAIL.COM"])
        results.add("floor_cold" if n == 0 else "floor_warm", (stamp - t0) / 1e6)
    tmux.stop_pane()


def spread(values, fmt="{:.1f}"):
    values = sorted(values)
    return " / ".join(fmt.format(v) for v in (values[0], statistics.median(values), values[-1]))


def cpu_times():
    """The machine's CPU time so far (all cores, in ticks): total, and stolen by the
    host from this virtual machine."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    return sum(fields[:8]), fields[7] if len(fields) > 7 else 0


def report(results, binary, runs, idle_seconds, conditions):
    rows = results.rows
    med = statistics.median
    size = os.path.getsize(binary)
    floor_cold = statistics.median(rows["floor_cold"])
    floor_warm = statistics.median(rows["floor_warm"])

    def idle_cells(key):
        items = rows[key]
        return (
            spread([i["cpu_ms"] for i in items], "{:.0f}"),
            spread([i["run_ms"] for i in items], "{:.3f}"),
            spread([i["wakeups"] for i in items], "{:.0f}"),
            spread([i["bytes"] for i in items], "{:.0f}"),
            all(i["cpu_ms"] == 0 and i["wakeups"] == 0 and i["bytes"] == 0 for i in items),
        )

    def mark(ok):
        return "yes" if ok else "**NO**"

    table = []

    def row(what, budget, measured, ok, n):
        table.append(f"| {what} | {budget} | {measured} | {n} | {mark(ok)} |")

    n_runs = f"{runs}"
    # Issue 16: the median launch within 1.5 ms of its floor, `cat` printing the same
    # frame, measured in the same run.
    launch_floor = med(rows["launch_floor"]) + 1.5
    for key, what in (("launch", "`--base-url`, demo server in its own process"),
                      ("launch_demo", "`--demo`, server inside the app")):
        row(f"launch to complete form ({what})",
            f"< 10 ms and ≤ floor + 1.5 ms ({launch_floor:.1f})", spread(rows[key]) + " ms",
            med(rows[key]) < 10 and med(rows[key]) <= launch_floor, str(len(rows[key])))
    row("launch to complete form (`--env test`: https, loads the OS trust store)",
        "< 10 ms", spread(rows["launch_https"]) + " ms", med(rows["launch_https"]) < 10, n_runs)
    row("launch: CPU time of the app until the form is up (schedstat, all threads)",
        "", spread(rows["launch_cpu"], "{:.2f}") + " ms", True, n_runs)
    row("floor: launch of `cat` printing the same first frame",
        "", spread(rows["launch_floor"]) + " ms", True, str(len(rows["launch_floor"])))
    row("resident memory (VmRSS) idle, after one lookup of the docs' sample",
        "< 10 MiB", spread(rows["rss"], "{:.2f}") + " MiB", max(rows["rss"]) < 10, n_runs)
    for key, where in (("idle_form", "on the form"), ("idle_detail", "on the detail view")):
        cpu, run, wakeups, written, ok = idle_cells(key)
        row(f"idle {idle_seconds:g} s {where}: CPU (utime+stime) / run time (schedstat) / "
            "context switches / bytes to the terminal", "0 / 0 / 0 / 0",
            f"{cpu} ms; {run} ms; {wakeups}; {written} B", ok, n_runs)
    row("Enter to customer on screen, docs' sample, first lookup (new connection)",
        f"< 8 ms and < floor + 2 ms ({floor_cold + 2:.1f})",
        spread(rows["sample_cold"]) + " ms",
        med(rows["sample_cold"]) < 8 and med(rows["sample_cold"]) < floor_cold + 2,
        n_runs)
    row("Enter to customer on screen, docs' sample, again (connection reused)",
        f"< 8 ms and < floor + 2 ms ({floor_warm + 2:.1f})",
        spread(rows["sample_warm"]) + " ms",
        med(rows["sample_warm"]) < 8 and med(rows["sample_warm"]) < floor_warm + 2,
        str(len(rows["sample_warm"])))
    for key, what in (("box", "`skyview pop --box-id` (key on stdin) / Enter, docs' sample"),
                      ("email", "`skyview pop --email` / Enter, the e-mail (partner lookup, "
                                "then the customer)")):
        pop, enter = rows[f"pop_{key}"], rows[f"enter_{key}"]
        row(f"{what}: to customer on screen, window waiting on the form (new connection)",
            f"pop < Enter + {POP_MARGIN_MS:g} ms ({med(enter) + POP_MARGIN_MS:.1f})",
            spread(pop) + " ms / " + spread(enter) + " ms",
            med(pop) < med(enter) + POP_MARGIN_MS, str(len(pop)))
    row("`skyview pop`: spawned to exit 0, the window took the lookup (--box-id / --email)",
        "", spread(rows["pop_box_exit"]) + " ms / " + spread(rows["pop_email_exit"]) + " ms",
        True, str(len(rows["pop_box_exit"])))
    row("Enter to customer, docs' sample, first lookup: CPU time of the app (schedstat)",
        "", spread(rows["sample_cpu"], "{:.2f}") + " ms", True, n_runs)
    row("Enter to customer on screen, 300 addresses and 40 phones, first lookup",
        "< 15 ms", spread(rows["many_cold"]) + " ms", med(rows["many_cold"]) < 15, n_runs)
    row("Enter to customer on screen, 300 addresses and 40 phones, again",
        "< 15 ms", spread(rows["many_warm"]) + " ms", med(rows["many_warm"]) < 15,
        str(len(rows["many_warm"])))
    row("key `2` to Addresses tab on screen: 1 address / 17,363 addresses",
        "same within 2x",
        spread(rows["tab_sample"]) + " ms / " + spread(rows["tab_largest"]) + " ms",
        med(rows["tab_largest"]) < 2 * med(rows["tab_sample"]),
        n_runs)
    # Judged on 2,000 alone: 2 rows leave the screen nearly empty, 2,000 fill it, so
    # the larger frame carries more text to the terminal whatever the code does.
    row("key `4` to Shipments tab on screen: 2 shipments / 2,000 shipments",
        "< 10 ms with 2,000",
        spread(rows["shipments_sample"]) + " ms / " + spread(rows["shipments_many"]) + " ms",
        med(rows["shipments_many"]) < 10,
        n_runs)
    row("8 MiB answer: longest the event loop was busy without a break (Enter to shown + 0.3 s)",
        "< 100 ms", spread(rows["largest_stall"]) + " ms", max(rows["largest_stall"]) < 100, n_runs)
    row("85,000 shipments / 24,000 accounts: longest the event loop was busy without a break",
        "< 16 ms",
        spread(rows["big_shipments_stall"]) + " ms / " + spread(rows["big_accounts_stall"]) + " ms",
        max(rows["big_shipments_stall"] + rows["big_accounts_stall"]) < 16, n_runs)
    row("8 MiB answer: Enter to customer on screen (for information)",
        "", spread(rows["largest_shown"], "{:.0f}") + " ms", True, n_runs)
    row("8 MiB answer: resident memory right after (for information)",
        "", spread(rows["largest_rss"], "{:.1f}") + " MiB", True, n_runs)
    row("stripped release binary", "< 8 MiB", f"{size / 1048576:.2f} MiB ({size} B)",
        size < 8 * 1048576, "1")
    row("floor: bare client (Python, raw socket), Enter to body on screen, new connection",
        "", spread(rows["floor_cold"]) + " ms", True, n_runs)
    row("floor: bare client, Enter to body on screen, connection reused",
        "", spread(rows["floor_warm"]) + " ms", True, str(len(rows["floor_warm"])))
    row("harness: key to an echo on screen (tmux's own delay, the resolution)",
        "", spread(rows["floor_echo"], "{:.2f}") + " ms", True, str(len(rows["floor_echo"])))

    print()
    print(f"skyview performance budget: {binary}, 120x40 tmux pane, "
          f"{os.cpu_count()} cores, min / median / max")
    print()
    print("Latency and launch rows are judged on the median, memory on the largest value,")
    print("idle rows on every run; min and max show how much the machine moved them.")
    print()
    print("| what | budget | measured (min / median / max) | samples | met |")
    print("|---|---|---|---|---|")
    for line in table:
        print(line)
    print()
    print(conditions)
    return all("**NO**" not in line for line in table)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--socket", required=True, help="tmux socket path (private)")
    parser.add_argument("--pids", required=True, help="file to list started PIDs in")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds per idle window")
    parser.add_argument("--timeout", type=float, default=900, help="give up after (s)")
    args = parser.parse_args()
    if args.runs < 1:
        sys.exit("--runs must be at least 1")
    binary = os.path.abspath(args.binary)
    # The pops' private runtime directory, beside the PID file: measure.sh removes it.
    runtime_dir = os.path.join(os.path.dirname(os.path.abspath(args.pids)), "runtime")
    os.makedirs(runtime_dir, mode=0o700, exist_ok=True)
    sys.setswitchinterval(0.0005)
    deadline = time.monotonic() + args.timeout

    server = subprocess.Popen([binary, "demo-server", "--port", "0"],
                              stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    with open(args.pids, "a") as f:
        f.write(f"{server.pid}\n")
    tmux = None
    try:
        line = b""
        ready = threading.Event()

        def first_line():
            nonlocal line
            line = server.stdout.readline()
            ready.set()

        threading.Thread(target=first_line, daemon=True).start()
        if not ready.wait(10) or not line.startswith(b"http://127.0.0.1:"):
            raise Failure(f"demo server did not start: {line!r}")
        base_url = line.decode().strip()
        print(f"demo server (pid {server.pid}) at {base_url}", file=sys.stderr)

        BigAnswers.build()
        big = http.server.ThreadingHTTPServer(("127.0.0.1", 0), BigAnswers)
        threading.Thread(target=big.serve_forever, daemon=True).start()
        big_url = f"http://127.0.0.1:{big.server_address[1]}/wcf-services"

        tmux = Tmux(args.socket, deadline)
        tmux.send("set-option -g remain-on-exit on")
        tmux.send("set-option -g default-size 120x40")
        tmux.send("refresh-client -C 120x40")

        results = Results()
        load_before = os.getloadavg()
        cpu_before = cpu_times()
        for run in range(1, args.runs + 1):
            print(f"run {run}/{args.runs}", file=sys.stderr)
            run_floor(tmux, results, base_url, warm_lookups=3)
            run_launch(tmux, results, "launch_https", [binary, "--env", "test"])
            run_session(tmux, results, binary, base_url, args.idle, warm_lookups=3)
            run_many(tmux, results, binary, base_url)
            run_largest(tmux, results, binary, base_url)
            run_big_answers(tmux, results, binary, big_url)
            for _ in range(LAUNCHES):
                run_launch(tmux, results, "launch", app_argv(binary, base_url), SAMPLE)
                run_launch(tmux, results, "launch_demo", [binary, "--demo"])
                run_launch_floor(tmux, results, os.path.dirname(os.path.abspath(args.pids)))
            run_pop(tmux, results, binary, base_url, runtime_dir)
        cpu_after = cpu_times()
        total = max(cpu_after[0] - cpu_before[0], 1)
        conditions = (
            f"Machine during the runs: load average {load_before[0]:.2f} before, "
            f"{os.getloadavg()[0]:.2f} after; CPU stolen by the host "
            f"{100 * (cpu_after[1] - cpu_before[1]) / total:.1f}% "
            "(a busy host slows the floor and the harness rows too)."
        )
        ok = report(results, binary, args.runs, args.idle, conditions)
        return 0 if ok else 1
    except Failure as failure:
        print(f"measure: {failure}", file=sys.stderr)
        return 2
    finally:
        if tmux is not None:
            tmux.close()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main())
