#!/usr/bin/env python3
"""Turns what bench/run measured (in RESULTS_DIR) into bench/RESULTS.md.

Standard library only. Reads hyperfine's JSON exports, wrk's printed
reports, the peak RSS files and a few facts bench/run wrote (facts.json),
and describes the machine from /proc and the tools' own versions.

Usage: report.py RESULTS_DIR > RESULTS.md
"""

import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path

R = Path(sys.argv[1])
FACTS = json.loads((R / "facts.json").read_text())


# ------------------------------------------------------------ helpers

def run(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        return ""


def hyper(name):
    """median, p95, min, mean CPU (user+sys), runs of one hyperfine export (s)."""
    path = R / f"{name}.json"
    if not path.exists():
        return None
    result = json.loads(path.read_text())["results"][0]
    times = sorted(result["times"])
    n = len(times)
    p95 = times[max(0, -(-n * 95 // 100) - 1)]  # nearest rank
    return {"median": result["median"], "p95": p95, "min": times[0],
            "cpu": result["user"] + result["system"], "runs": n}


def ms(seconds):
    return f"{seconds * 1000:.1f} ms" if seconds < 10 else f"{seconds:.1f} s"


def wrk(name):
    """Requests/s, p50, p99 (ms), requests, failures of one wrk report."""
    path = R / f"{name}.txt"
    if not path.exists():
        return None
    text = path.read_text()

    def latency(pct):
        m = re.search(rf"^\s*{pct}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        if not m:
            return float("nan")
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    total = re.search(r"(\d+) requests in", text)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    failures = int(non2xx.group(1)) if non2xx else 0
    if sock:
        failures += sum(int(g) for g in sock.groups())
    return {"rps": float(rps.group(1)) if rps else float("nan"),
            "p50": latency(50), "p99": latency(99),
            "requests": int(total.group(1)) if total else 0, "failures": failures}


def read_kb(name):
    path = R / f"{name}.txt"
    if not path.exists():
        return None
    m = re.search(r"(\d+)", path.read_text())
    return int(m.group(1)) if m else None


def verdict(ratio, target):
    if ratio is None:
        return "not measured"
    return (f"**holds** ({ratio:.1f}× ≥ {target}×)" if ratio >= target
            else f"**misses** ({ratio:.1f}× < {target}×; short by {target / ratio:.2f}×)")


# ------------------------------------------------------------ machine

def machine():
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    osname = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                osname = line.split("=", 1)[1].strip('"') + f" (Linux {platform.release()})"
    except OSError:
        pass
    return [
        ("CPU", cpu),
        ("Cores", f"{os.cpu_count()} (logical, as the OS sees them)"),
        ("RAM", f"{mem_kb / 1024 / 1024:.1f} GiB"),
        ("OS", osname),
        ("rustc", run(["rustc", "--version"])),
        ("Date", FACTS.get("date", "")),
        ("Load average at start / end", f"{FACTS.get('load_start', '?')} / {FACTS.get('load_end', '?')}"),
        ("Python / jrnl / pandas / scipy / numpy", FACTS.get("py_versions", "")),
        ("PostgreSQL", FACTS.get("pg_version", "not used")),
        ("hyperfine / wrk", f"{run(['hyperfine', '--version'])} / "
                            f"{run(['sh', '-c', 'wrk -v 2>&1 | head -1']).split(' [')[0]}"),
    ]


# ------------------------------------------------------------ the page

def main():
    out = []
    w = out.append
    w("# Thaw benchmark results")
    w("")
    w(f"Written by `bench/run` on {FACTS.get('date', '')}. "
      "All figures come from one run on one machine; see `bench/README.md` for "
      "what each one means and its caveats.")
    w("")
    w("## Machine")
    w("")
    w("| | |")
    w("| --- | --- |")
    for k, v in machine():
        w(f"| {k} | {v} |")
    w("")
    w("## Data")
    w("")
    w(f"- Thaw: {FACTS.get('data', '')} (SQLite file {FACTS.get('db_mb', '?')} MB).")
    w(f"- jrnl: {FACTS.get('jrnl_entries', '?')} daily entries over the same ten years "
      f"(plain-text journal, {FACTS.get('journal_kb', '?')} kB, no encryption).")
    w(f"- Hosted mode: {FACTS.get('hosted_data', 'not measured')}.")
    w("")

    # 1 ------------------------------------------------------------------
    w("## 1. Quick entry from the shell")
    w("")
    w("| command | median | p95 | CPU (user+sys, mean) | runs |")
    w("| --- | ---: | ---: | ---: | ---: |")
    t, j, n = hyper("quick_thaw"), hyper("quick_jrnl"), hyper("quick_thaw_nosync")
    for label, h in [('`thaw checkin --mood 5 --note "…"`', t), ('`jrnl "…"`', j),
                     ('diagnostic: the same `thaw checkin` under `eatmydata` (fsync a no-op)', n)]:
        if h:
            w(f"| {label} | {ms(h['median'])} | {ms(h['p95'])} | {ms(h['cpu'])} | {h['runs']} |")
    ratio = j["median"] / t["median"] if t and j else None
    cpu_ratio = j["cpu"] / t["cpu"] if t and j else None
    w("")
    w(f"Target (thaw at least 10× faster than jrnl, by median): {verdict(ratio, 10)}."
      + (f" By CPU time: {verdict(cpu_ratio, 10)}." if cpu_ratio else ""))
    if t and j and n:
        w("")
        w(f"The diagnostic row shows the durable write's wait for the disk: without fsync, "
          f"thaw's median is {ms(n['median'])} instead of {ms(t['median'])} "
          f"({j['median'] / n['median']:.1f}× below jrnl's). jrnl does not sync its file; "
          f"thaw's real figure (first row) keeps the sync.")
    w("")

    # 2 ------------------------------------------------------------------
    w("## 2. Insights over ten years")
    w("")
    w("| command | median | min | CPU (user+sys, mean) | runs |")
    w("| --- | ---: | ---: | ---: | ---: |")
    rows = [
        ("`thaw --json insights --days 3650`", "ins_thaw"),
        ("`insights_pandas.py` (pandas + scipy, same definitions, from the CSV export)", "ins_pandas"),
        ("`thaw --json checkins` (read and print every check-in only)", "read_thaw"),
        ("`read_rows_pandas.py` (import pandas, read checkins.csv only)", "read_pandas"),
    ]
    h = {key: hyper(key) for _, key in rows}
    for label, key in rows:
        if h[key]:
            x = h[key]
            w(f"| {label} | {ms(x['median'])} | {ms(x['min'])} | {ms(x['cpu'])} | {x['runs']} |")
    ratio = (h["ins_pandas"]["median"] / h["ins_thaw"]["median"]
             if h["ins_thaw"] and h["ins_pandas"] else None)
    cpu_ratio = (h["ins_pandas"]["cpu"] / h["ins_thaw"]["cpu"]
                 if h["ins_thaw"] and h["ins_pandas"] else None)
    w("")
    w(f"Target (thaw insights at least 10× faster than pandas + scipy, by median): "
      f"{verdict(ratio, 10)}." + (f" By CPU time: {verdict(cpu_ratio, 10)}." if cpu_ratio else ""))
    w("")
    timings = R / "pandas_timings.json"
    if timings.exists():
        p = json.loads(timings.read_text())
        w(f"Where the pandas + scipy run spends its time (one run, timed inside the script): "
          f"importing pandas, numpy and scipy {ms(p['import_s'])}, reading the CSV files "
          f"{ms(p['read_s'])}, computing {ms(p['compute_s'])}.")
        w("")
    for days in ("3650", "90"):
        agree = R / f"agree_{days}.txt"
        if agree.exists():
            w(f"Same answers ({days}-day window, thaw vs pandas + scipy, numbers to 1e-9): "
              f"{agree.read_text().strip()}.")
    w("")

    # 3 ------------------------------------------------------------------
    w(f"## 3. The web app ({FACTS.get('connections', 50)} connections, "
      f"{FACTS.get('duration', '?')} per figure, wrk with 1 thread)")
    w("")
    w("| mode | request | requests/s | p50 | p99 | requests | failed |")
    w("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for mode, prefix in [("local (SQLite)", "wrk_local"), ("hosted (PostgreSQL)", "wrk_hosted")]:
        for req, suffix in [("`GET /` (today page)", "get"), ("`POST /api/v1/checkins`", "post")]:
            x = wrk(f"{prefix}_{suffix}")
            if x:
                w(f"| {mode} | {req} | {x['rps']:.0f} | {x['p50']:.2f} ms | {x['p99']:.2f} ms "
                  f"| {x['requests']} | {x['failures']} |")
            else:
                w(f"| {mode} | {req} | not measured | | | | |")
    w("")

    # 4 ------------------------------------------------------------------
    w("## 4. Memory")
    w("")
    w("| server | peak RSS (VmHWM) |")
    w("| --- | ---: |")
    for mode, name in [("`thaw serve` (local, SQLite)", "mem_local"),
                       ("`thaw serve --multi-user` (hosted, PostgreSQL)", "mem_hosted")]:
        kb = read_kb(name)
        w(f"| {mode} | {f'{kb / 1024:.1f} MiB' if kb else 'not measured'} |")
    w("")
    w("Peak resident memory of the `thaw serve` process from its start through both "
      "loads above (PostgreSQL's own processes are not counted).")
    print("\n".join(out))


if __name__ == "__main__":
    main()
