#!/usr/bin/env python3
"""End-to-end batch throughput: `recoupe extract DIR` against Python trafilatura, same run.

Usage: batch_throughput.py <recoupe binary> [runs]
Pages: every page of the multi-source set (`extraction_sets.py`) and of scrapinghub, written
once as `.html` files into a temporary folder. Each timed run is a whole process reading the
folder and writing JSON for every page (process start-up, reading, decoding, extraction,
metadata; for recoupe also cleaning, language, sentences), output to /dev/null:

- recoupe: `recoupe extract DIR` (both cores);
- trafilatura: one Python process over the folder, `trafilatura.extract(bytes)` per file
  (plain text, no metadata: its fastest setting, so the ratio is conservative; with
  `output_format="json", with_metadata=True` it ran about 3 times slower here), and the
  same with a process pool on both cores.

Runs alternate between the systems; medians are reported as pages per second (wall
clock) and pages per CPU-second (user + system time of the process and its children),
the second less sensitive to other load on the machine.
"""
import gzip
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SETS = Path(os.environ.get("EXTRACTION_SETS", "/work/cache/recoupe/extraction/sets"))
SCRAPINGHUB = Path(os.environ.get(
    "EXTRACTION_SCRAPINGHUB",
    Path(__file__).resolve().parents[4] / "shared/bench/extraction/scrapinghub"))

PEER = r'''
import sys, os
from pathlib import Path
import trafilatura

def one(path):
    data = Path(path).read_bytes()
    return trafilatura.extract(data) or ""

folder, workers = sys.argv[1], int(sys.argv[2])
paths = sorted(str(p) for p in Path(folder).iterdir())
out = open(os.devnull, "w")
if workers > 1:
    from multiprocessing import Pool
    with Pool(workers) as pool:
        for text in pool.imap(one, paths, chunksize=8):
            out.write(text + "\n")
else:
    for path in paths:
        out.write(one(path) + "\n")
'''


def gather(folder):
    count = 0
    sources = [SETS / d / "html" for d in sorted(os.listdir(SETS))] if SETS.is_dir() else []
    if (SCRAPINGHUB / "html").is_dir():
        sources.append(SCRAPINGHUB / "html")
    for directory in sources:
        for path in sorted(directory.glob("*.html.gz")):
            name = f"{directory.parent.name}-{path.name[:-3]}"
            (folder / name).write_bytes(gzip.decompress(path.read_bytes()))
            count += 1
    return count


def timed(command):
    """Wall seconds and CPU seconds (user + system, the process and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    binary = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        pages = gather(folder)
        if pages == 0:
            print("SKIP batch throughput: no pages (build the set with extraction_sets.py)")
            return
        peer = Path(tmp) / "peer.py"
        peer.write_text(PEER)
        times = {"recoupe extract (2 cores)": [], "trafilatura, 1 process": [],
                 "trafilatura, pool of 2": []}
        for _ in range(runs):
            times["recoupe extract (2 cores)"].append(timed([binary, "extract", str(folder)]))
            times["trafilatura, 1 process"].append(timed([sys.executable, str(peer), str(folder), "1"]))
            times["trafilatura, pool of 2"].append(timed([sys.executable, str(peer), str(folder), "2"]))
        walls = {name: statistics.median(w for w, _ in values) for name, values in times.items()}
        cpus = {name: statistics.median(c for _, c in values) for name, values in times.items()}
        base = pages / walls["trafilatura, 1 process"]
        base_cpu = pages / cpus["trafilatura, 1 process"]
        print(f"{pages} pages, median of {runs} runs; load average {os.getloadavg()[0]:.1f}")
        print("| system | pages/s | vs trafilatura, 1 process | pages per CPU-second | vs trafilatura |")
        print("|---|---|---|---|---|")
        for name in times:
            rate, per_cpu = pages / walls[name], pages / cpus[name]
            print(f"| {name} | {rate:.0f} | {rate / base:.1f}x | {per_cpu:.0f} | {per_cpu / base_cpu:.1f}x |")


if __name__ == "__main__":
    main()
