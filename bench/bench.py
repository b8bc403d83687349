#!/usr/bin/env python3
"""Speed benchmark: peerprep against mdBook and Hugo on the same generated pages.

Generates a course of N modules of about 1,500 words each (headings, lists, a
table, code, links between modules), the same pages as an mdBook book (search
on) and as a Hugo site, then times clean builds of all three side by side, in
paired runs (each round builds with each tool once): the median of several
runs, with the peak memory (max RSS) of each build. Also compares a module
page's size with Hugo's page of the same Markdown.
Installs mdbook from crates.io and hugo from Debian when they are missing.
Also times peerprep's bundled course, a build again over its own output (nothing changed, then
after a one-module edit), a one-file edit under `serve`, and search in headless Chromium
(tests/browser/search-bench.mjs).
Not part of CI.

    python3 bench/bench.py                   # 100 and 1,000 modules, 5 runs each
    python3 bench/bench.py --sizes 100,1000,5000,20000 --runs 5   # the README's table
    python3 bench/bench.py --sizes 1000 --skip mdbook,hugo
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


HUGO_SINGLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><nav><a href="{{ "" | relURL }}">Home</a></nav><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
"""
HUGO_LIST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></main></body></html>
"""


def generate(n, where):
    """Writes the peerprep course, the mdBook book and the Hugo site for n modules."""
    rng = random.Random(n)
    course = where / "peerprep"
    book = where / "mdbook"
    site = where / "hugo"
    (course / "course").mkdir(parents=True)
    (book / "src").mkdir(parents=True)
    (site / "content").mkdir(parents=True)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE)
    (site / "layouts" / "_default" / "list.html").write_text(HUGO_LIST)
    (site / "config.toml").write_text(
        'baseURL = "http://localhost/"\ntitle = "Benchmark"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n')
    modules = []
    summary = ["# Summary\n"]
    for i in range(n):
        title = f"Module {i + 1}"
        body = module_body(rng, i, n)
        name = f"m{i:05}.md"
        modules.append(name)
        (course / "course" / name).write_text(
            f"---\ntitle: {title}\nduration: 20\noutcomes: [Read part {i + 1}]\n---\n{body}")
        (book / "src" / name).write_text(f"# {title}\n\n{body}")
        (site / "content" / name).write_text(f"---\ntitle: {title}\n---\n{body}")
        summary.append(f"- [{title}](./{name})")
    (course / "course" / "course.yaml").write_text(
        "title: Benchmark Course\nmodules:\n" + "".join(f"  - {m}\n" for m in modules))
    (book / "src" / "SUMMARY.md").write_text("\n".join(summary) + "\n")
    (book / "book.toml").write_text('[book]\ntitle = "Benchmark"\n\n[output.html.search]\nenable = true\n')
    return course, book, site


def timed(cmd, cwd):
    """Runs cmd; returns (seconds, peak RSS in MiB, user CPU seconds)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        # stderr to a file, not a pipe: a run with many warnings must not block on a full pipe.
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            sys.exit(f"{' '.join(map(str, cmd))} failed:\n{err.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime


def median_run(cmd, cwd, clean, runs):
    results = []
    for _ in range(runs):
        if clean is not None:
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


def find_hugo():
    found = shutil.which("hugo")
    if not found:
        print("installing hugo from Debian ...", flush=True)
        subprocess.run(["apt-get", "install", "-y", "hugo"], check=True, stdout=subprocess.DEVNULL)
        found = shutil.which("hugo")
    return found


def serve_edit(peerprep, course):
    """Starts `peerprep serve`, edits one module and returns the rebuild time it printed, in ms."""
    proc = subprocess.Popen([peerprep, "serve", "--port", "0"], cwd=course,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for line in proc.stdout:
            if line.startswith("Serving"):
                break
        times = []
        target = course / "course" / "m00000.md"
        for k in range(5):
            with target.open("a") as f:
                f.write(f"\nAn edit, number {k}.\n")
            for line in proc.stdout:
                if line.startswith("Built "):
                    times.append(int(line.split(" in ")[1].split()[0]))
                    break
        return statistics.median(times)
    finally:
        proc.terminate()
        proc.wait()


def search_bench(site):
    """Times search in headless Chromium (tests/browser/search-bench.mjs), when it can run."""
    browser = ROOT / "tests" / "browser"
    if not shutil.which("node") or not (browser / "node_modules").is_dir():
        return "search: not timed (needs node and `npm ci` in tests/browser)"
    done = subprocess.run(["node", "search-bench.mjs", "--site", str(site)], cwd=browser,
                          capture_output=True, text=True)
    return done.stdout.strip() or f"search: bench failed: {done.stderr.strip()[-300:]}"


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


def paired(cmds, runs):
    """Clean builds of every (cmd, cwd, out) in turn, `runs` rounds: each round runs each tool
    once, so a slow moment of the machine falls on all of them. Returns, per tool, the median
    wall time, the largest peak memory and the median CPU time."""
    results = [[] for _ in cmds]
    for _ in range(runs):
        for k, (cmd, cwd, out) in enumerate(cmds):
            shutil.rmtree(out, ignore_errors=True)
            results[k].append(timed(cmd, cwd))
    return [(statistics.median(r[0] for r in rs), max(r[1] for r in rs), statistics.median(r[2] for r in rs))
            for rs in results]


def edit_build(peerprep, course, runs):
    """Median time of `build` after one module's text changed (its page, the neighbours'
    pagers, the workbook and the search index change; the rest is kept)."""
    times = []
    target = course / "course" / "m00001.md"
    for k in range(runs):
        with target.open("a") as f:
            f.write(f"\nA build after an edit, number {k}.\n")
        times.append(timed([peerprep, "build", "--quiet"], course)[0])
    return statistics.median(times)


def page_bytes(folder, pattern):
    """The median size in bytes of the files matching pattern under folder."""
    sizes = [p.stat().st_size for p in folder.glob(pattern)]
    return statistics.median(sizes) if sizes else 0


def folder_bytes(folder):
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000", help="comma-separated module counts")
    parser.add_argument("--runs", type=int, default=5, help="runs per build (the median is shown)")
    parser.add_argument("--skip", default="", help="peers to leave out: mdbook, hugo")
    parser.add_argument("--mdbook-max", type=int, default=5000,
                        help="largest size mdBook is timed at (it is slow: 80 s a build at 5,000)")
    args = parser.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    peerprep = ROOT / "target/release/peerprep"
    peers = []
    if "hugo" not in skip:
        peers.append(("Hugo", find_hugo(), ["--quiet"], "public"))
    if "mdbook" not in skip:
        peers.append(("mdBook", find_mdbook(), ["build"], "book"))
    versions = [subprocess.run([p[1], "--version" if p[0] == "mdBook" else "version"],
                               capture_output=True, text=True).stdout.strip().split(" BuildDate")[0] for p in peers]
    print(f"machine: {machine()}; {'; '.join(versions)}; paired runs, median of {args.runs}")
    print(f"command: python3 bench/bench.py {' '.join(sys.argv[1:])}\n", flush=True)
    bundled, bundled_mem, _ = median_run([peerprep, "build", "--quiet", "--out", ROOT / "target/bench-bundled"],
                                         ROOT, ROOT / "target/bench-bundled", args.runs)
    print(f"bundled course: {bundled:.3f} s, {bundled_mem:.0f} MiB peak\n", flush=True)
    for n in (int(s) for s in args.sizes.split(",")):
        # Under target/, on the project's own disk: some machines' /tmp is much slower to create files in.
        (ROOT / "target").mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory(dir=ROOT / "target", prefix="bench-") as tmp:
            course, book, site = generate(n, Path(tmp))
            here = [p for p in peers if not (p[0] == "mdBook" and n > args.mdbook_max)]
            cmds = [([peerprep, "build", "--quiet"], course, course / "public")]
            for name, exe, cmd, out in here:
                where = book if name == "mdBook" else site
                cmds.append(([exe, *cmd], where, where / out))
            # The sources are a few seconds old by now, as a course's are: a build may trust their times.
            time.sleep(2.5)
            clean = paired(cmds, args.runs)
            ours, our_mem, our_cpu = clean[0]
            print(f"{n:,} modules", flush=True)
            print(f"  peerprep clean build: {ours:.2f} s ({our_cpu:.2f} s CPU), {our_mem:.0f} MiB peak")
            for (name, *_), (theirs, their_mem, their_cpu) in zip(here, clean[1:]):
                print(f"  {name} clean build: {theirs:.2f} s ({their_cpu:.2f} s CPU), {their_mem:.0f} MiB peak;"
                      f" peerprep takes {ours / theirs:.0%} of its time ({theirs / ours:.1f}x faster)")
            # Page weight: a module page against Hugo's page of the same Markdown.
            our_page = page_bytes(course / "public" / "modules", "m*.html")
            line = f"  module page: {our_page / 1000:.1f} KB (median); output {folder_bytes(course / 'public') / 1e6:.1f} MB"
            if any(p[0] == "Hugo" for p in here):
                hugo_page = page_bytes(site / "public", "m*/index.html")
                line += (f"; Hugo's page {hugo_page / 1000:.1f} KB ({our_page / hugo_page:.0%}),"
                         f" output {folder_bytes(site / 'public') / 1e6:.1f} MB")
            print(line)
            index = (course / "public" / "assets" / "search-index.js").stat().st_size
            print(f"  search index: {index / 1e6:.1f} MB")
            # A build over its own previous output, nothing changed (the last clean run's output is there).
            again, _, _ = median_run([peerprep, "build", "--quiet"], course, None, args.runs)
            print(f"  rebuild, nothing changed: {again * 1000:.0f} ms ({again / ours:.0%} of a clean build)")
            edited = edit_build(peerprep, course, args.runs)
            print(f"  build after a one-module edit: {edited:.2f} s ({edited / ours:.0%} of a clean build)")
            print(f"  serve, a one-module edit: {serve_edit(peerprep, course):.0f} ms until the page reloads")
            print(f"  {search_bench(course / 'public')}", flush=True)


if __name__ == "__main__":
    main()
