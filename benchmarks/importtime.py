"""Benchmark: the cost of ``import custpolicy`` against ``import attrs, dateutil.relativedelta``.

Run:  uv run --group bench python benchmarks/importtime.py [--quick] [--runs N]

Each measurement is a fresh interpreter (this interpreter, ``sys.executable``):

- ``python -X importtime -c "<import>"``: the sum of the cumulative times of the top-level
  imports that the ``-c`` code triggers (everything after the interpreter's own ``site``
  import), median over the runs;
- ``python -c "<import>"``: wall-clock time of the whole process, median over the runs, and the
  same minus the median of ``python -c "pass"`` (the interpreter's own start-up).

Two bytecode settings, because they change the answer:

- "cached": the usual installed state, where every module has its ``.pyc``. The bytecode goes
  to a temporary ``PYTHONPYCACHEPREFIX`` directory (deleted afterwards), so nothing is written
  into the source tree or the virtual environment; a warm-up run fills it.
- "uncached": ``PYTHONDONTWRITEBYTECODE=1`` and no ``.pyc`` next to the project's or the
  site-packages' sources (the state of a development environment that sets that variable over
  a uv install made without ``--compile-bytecode``): every such module is compiled from source
  on every start-up. The standard library keeps its own ``.pyc``. The script says so if it
  finds ``.pyc`` next to custpolicy, attr or dateutil.

Runs are interleaved (custpolicy, peer, pass, custpolicy, ...) so drift hits all alike. Also
prints which custpolicy modules, and which of the modules they pull in, cost the most.
Benchmarks print figures; they never assert times.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

TARGET_RATIO = 1.5
OURS = "import custpolicy"
# The package root loads its modules on first use (PEP 562), so also time what a user pays
# before the first call: the whole foundation, imported with import statements so that
# -X importtime records every module (it does not see importlib.import_module).
FULL = (
    "import custpolicy, custpolicy.foundation.money, custpolicy.foundation.policy, "
    "custpolicy.foundation.calendars, custpolicy.foundation.deadlines"
)
PEER = "import attrs, dateutil.relativedelta"
EMPTY = "pass"


@dataclass
class Result:
    importtime_us: dict[str, float]
    wall_ms: dict[str, float]
    modules: dict[str, tuple[float, float]]  # custpolicy run: name -> (self µs, cumulative µs)

    @property
    def ratio(self) -> float:
        return self.importtime_us[OURS] / self.importtime_us[PEER]

    @property
    def full_ratio(self) -> float:
        return self.importtime_us[FULL] / self.importtime_us[PEER]

    @property
    def net_wall_ratio(self) -> float:
        empty = self.wall_ms[EMPTY]
        return (self.wall_ms[OURS] - empty) / (self.wall_ms[PEER] - empty)

    @property
    def full_net_wall_ratio(self) -> float:
        empty = self.wall_ms[EMPTY]
        return (self.wall_ms[FULL] - empty) / (self.wall_ms[PEER] - empty)


def run_importtime(code: str, env: Mapping[str, str]) -> tuple[float, dict[str, tuple[int, int]]]:
    """(total µs of the top-level imports after site, {module: (self µs, cumulative µs)})."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    rows: list[tuple[int, int, str]] = []
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, cumulative, name = line[len("import time:") :].split("|", 2)
        rows.append((int(self_us), int(cumulative), name.rstrip()))
    # The interpreter's start-up imports end with the top-level "site" line.
    start = max(i for i, (_, _, name) in enumerate(rows) if name == " site") + 1
    after = rows[start:]
    total = sum(cumulative for _, cumulative, name in after if not name.startswith("  "))
    modules = {name.strip(): (self_us, cumulative) for self_us, cumulative, name in after}
    return float(total), modules


def has_pyc(package: str) -> bool:
    """Whether the package's __init__ has a .pyc in its __pycache__ (without importing it)."""
    spec = importlib.util.find_spec(package)
    origin = spec.origin if spec else None
    return bool(origin) and os.path.exists(importlib.util.cache_from_source(str(origin)))


def run_wall(code: str, env: Mapping[str, str]) -> float:
    """Wall-clock ms of ``python -c code`` in a fresh process."""
    begin = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return (time.perf_counter() - begin) * 1e3


def measure(env: Mapping[str, str], runs: int) -> Result:
    for code in (OURS, FULL, PEER, EMPTY):  # warm-up: bytecode caches (if any), OS file cache
        run_importtime(code, env)
        run_wall(code, env)
    totals: dict[str, list[float]] = defaultdict(list)
    walls: dict[str, list[float]] = defaultdict(list)
    per_module: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for _ in range(runs):
        for code in (OURS, FULL, PEER):
            total, modules = run_importtime(code, env)
            totals[code].append(total)
            if code == FULL:
                for name, times in modules.items():
                    per_module[name].append(times)
        for code in (OURS, FULL, PEER, EMPTY):
            walls[code].append(run_wall(code, env))
    return Result(
        {code: statistics.median(values) for code, values in totals.items()},
        {code: statistics.median(values) for code, values in walls.items()},
        {
            name: (
                statistics.median(s for s, _ in times),
                statistics.median(c for _, c in times),
            )
            for name, times in per_module.items()
            if len(times) == runs
        },
    )


def report(title: str, result: Result) -> None:
    print(f"\n######## {title} ########")
    it = result.importtime_us
    print("== -X importtime: cumulative ms of the top-level imports (median) ==")
    for code in (OURS, FULL, PEER):
        print(f"  {code[:40]:40} {it[code] / 1e3:8.2f} ms")
    print(f"  ratio custpolicy / peer {result.ratio:26.2f}x")
    print(f"  ratio whole foundation / peer {result.full_ratio:20.2f}x")

    wall = result.wall_ms
    print("== wall clock of python -c (median) ==")
    print(f"  {'command':40} {'total':>10} {'minus pass':>12}")
    for code in (OURS, FULL, PEER, EMPTY):
        print(f"  {code[:40]:40} {wall[code]:7.1f} ms {wall[code] - wall[EMPTY]:9.1f} ms")
    print(
        f"  ratio custpolicy / peer: total {wall[OURS] / wall[PEER]:.2f}x, "
        f"minus pass {result.net_wall_ratio:.2f}x"
    )

    medians = result.modules
    print("== custpolicy modules, whole foundation (median µs: self, cumulative) ==")
    ours_modules = sorted(
        (name for name in medians if name.split(".")[0] == "custpolicy"),
        key=lambda name: -medians[name][1],
    )
    for name in ours_modules:
        self_us, cumulative = medians[name]
        print(f"  {name:32} {self_us:8.0f} {cumulative:10.0f}")
    own = sum(medians[name][0] for name in ours_modules)
    print(
        f"  custpolicy's own modules, self time summed: {own / 1e3:.2f} ms "
        f"of {it[FULL] / 1e3:.2f} ms (whole foundation)"
    )
    print("  (a module's cumulative time includes the third-party modules it imports first)")
    print("== largest cumulative times outside custpolicy (median µs) ==")
    outside = [name for name in medians if name.split(".")[0] != "custpolicy"]
    for name in sorted(outside, key=lambda name: -medians[name][1])[:5]:
        print(f"  {name:32} {medians[name][1]:8.0f}")
    print("== heaviest modules pulled in by import custpolicy (median self µs) ==")
    for name in sorted(medians, key=lambda name: -medians[name][0])[:10]:
        print(f"  {name:32} {medians[name][0]:8.0f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="smoke run: 3 runs each")
    parser.add_argument("--runs", type=int, default=15, help="runs of each command (default 15)")
    args = parser.parse_args(argv)
    runs = 3 if args.quick else args.runs
    print(f"python: {sys.executable} ({sys.version.split()[0]}); {runs} runs each, medians")

    base = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    prefix = tempfile.mkdtemp(prefix="custpolicy-bench-pycache-")
    try:
        cached = measure({**base, "PYTHONPYCACHEPREFIX": prefix}, runs)
    finally:
        shutil.rmtree(prefix, ignore_errors=True)
    uncached = measure({**base, "PYTHONDONTWRITEBYTECODE": "1"}, runs)
    stale = [name for name in ("custpolicy", "attr", "dateutil") if has_pyc(name)]
    if stale:
        print(f"note: {stale} already have .pyc next to their sources: 'uncached' uses them")

    report("cached: every module has its .pyc (the usual installed state)", cached)
    report("uncached: PYTHONDONTWRITEBYTECODE=1, no .pyc outside the stdlib", uncached)

    print("\n== target: import custpolicy <= 1.5x import attrs, dateutil.relativedelta ==")
    for label, result in (("cached", cached), ("uncached", uncached)):
        verdict = "MET   " if result.ratio <= TARGET_RATIO else "MISSED"
        print(
            f"  {verdict} {label:9} -X importtime {result.ratio:.2f}x; "
            f"wall clock minus start-up {result.net_wall_ratio:.2f}x"
        )
        verdict = "MET   " if result.full_ratio <= TARGET_RATIO else "MISSED"
        print(
            f"  {verdict} {label:9} with the whole foundation loaded: -X importtime "
            f"{result.full_ratio:.2f}x; wall clock minus start-up {result.full_net_wall_ratio:.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
