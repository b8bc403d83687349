#!/usr/bin/env python3
"""Speed benchmark: peerprep against mdBook on the same generated pages.

Generates a course of N modules of about 1,500 words each (headings, lists, a
table, code, links between modules) and the same pages as an mdBook book, then
times clean builds of both, side by side: the median of several runs, with the
peak memory (max RSS) of each build. Installs mdbook from crates.io when it is
missing. Not part of CI.

    python3 bench/bench.py                   # 100 and 1,000 modules, 5 runs each
    python3 bench/bench.py --sizes 100,1000,5000 --runs 3
"""

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = (
    "mentor mentee listen reflect question support school student feeling worry trust rapport "
    "boundary confidential safeguarding signpost session supervisor calm open kind honest time "
    "friend group exam stress change settle help notice talk share safe space plan next step "
    "check in out week month careful gentle clear simple practice skill learn grow together"
).split()


def paragraph(rng, words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def module_body(rng, i, n):
    """About 1,500 words of Markdown with the features a real module uses."""
    prev_link = f"[the previous module](m{i - 1:05}.md#part-2)" if i > 0 else "the start"
    next_link = f"[the next module](m{i + 1:05}.md)" if i + 1 < n else "the end"
    parts = [f"Read this after {prev_link}, then go on to {next_link}.\n"]
    for part in range(1, 7):
        parts.append(f"## Part {part}\n")
        parts.append(paragraph(rng, 90) + "\n")
        parts.append(paragraph(rng, 70) + "\n")
        parts.append("\n".join(f"- {paragraph(rng, 8)}" for _ in range(4)) + "\n")
        if part == 2:
            parts.append("| Say | Avoid |\n|---|---|\n" + "\n".join(
                f"| {paragraph(rng, 5)} | {paragraph(rng, 5)} |" for _ in range(4)) + "\n")
        if part == 4:
            parts.append("```text\n" + "\n".join(paragraph(rng, 6) for _ in range(4)) + "\n```\n")
        parts.append(f"### Notes {part}\n")
        parts.append(paragraph(rng, 60) + "\n")
    return "\n".join(parts)


def generate(n, where):
    """Writes the peerprep course and the mdBook book for n modules."""
    rng = random.Random(n)
    course = where / "peerprep"
    book = where / "mdbook"
    (course / "course").mkdir(parents=True)
    (book / "src").mkdir(parents=True)
    modules = []
    summary = ["# Summary\n"]
    for i in range(n):
        title = f"Module {i + 1}"
        body = module_body(rng, i, n)
        name = f"m{i:05}.md"
        modules.append(name)
        (course / "course" / name).write_text(f"---\ntitle: {title}\nduration: 20\n---\n{body}")
        (book / "src" / name).write_text(f"# {title}\n\n{body}")
        summary.append(f"- [{title}](./{name})")
    (course / "course" / "course.yaml").write_text(
        "title: Benchmark Course\nmodules:\n" + "".join(f"  - {m}\n" for m in modules))
    (book / "src" / "SUMMARY.md").write_text("\n".join(summary) + "\n")
    (book / "book.toml").write_text('[book]\ntitle = "Benchmark"\n\n[output.html.search]\nenable = true\n')
    return course, book


def timed(cmd, cwd):
    """Runs cmd; returns (seconds, peak RSS in MiB, user CPU seconds)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{proc.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime


def median_run(cmd, cwd, clean, runs):
    results = []
    for _ in range(runs):
        shutil.rmtree(clean, ignore_errors=True)
        results.append(timed(cmd, cwd))
    return (statistics.median(r[0] for r in results), max(r[1] for r in results),
            statistics.median(r[2] for r in results))


def find_mdbook():
    found = shutil.which("mdbook") or str(Path.home() / ".cargo/bin/mdbook")
    if not Path(found).is_file():
        print("installing mdbook 0.5 from crates.io (a few minutes) ...", flush=True)
        subprocess.run(["cargo", "install", "mdbook", "--locked", "--version", "^0.5"], check=True)
    return found


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000", help="comma-separated module counts")
    parser.add_argument("--runs", type=int, default=5, help="runs per build (the median is shown)")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    peerprep = ROOT / "target/release/peerprep"
    mdbook = find_mdbook()
    version = subprocess.run([mdbook, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"machine: {machine()}; {version}; median of {args.runs} clean builds\n")
    print("wall time (user CPU time), peak memory; the rest of the wall time is the kernel writing files\n")
    print(f"{'modules':>8} | {'peerprep':>16} | {'peak':>8} | {'mdBook':>16} | {'peak':>9} | {'mdBook / peerprep':>17}")
    print("-" * 90)
    for n in (int(s) for s in args.sizes.split(",")):
        # Under target/, on the project's own disk: some machines' /tmp is much slower to create files in.
        (ROOT / "target").mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory(dir=ROOT / "target", prefix="bench-") as tmp:
            course, book = generate(n, Path(tmp))
            ours, our_mem, our_cpu = median_run([peerprep, "build", "--quiet"], course, course / "public", args.runs)
            theirs, their_mem, their_cpu = median_run([mdbook, "build"], book, book / "book", args.runs)
            print(f"{n:>8} | {ours:>6.2f}s ({our_cpu:>5.2f}s) | {our_mem:>4.0f} MiB | {theirs:>6.2f}s ({their_cpu:>5.2f}s) "
                  f"| {their_mem:>5.0f} MiB | {theirs / ours:>16.1f}x", flush=True)


if __name__ == "__main__":
    main()
