"""Run every benchmark module ``tools/bench_*.py`` and write results to ``var/bench/``.

Each module exposes ``run() -> dict`` returning named figures; the runner prints them and
writes ``var/bench/results.json`` plus one ``var/bench/<name>.json`` per module.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    out_dir = ROOT / "var" / "bench"
    out_dir.mkdir(parents=True, exist_ok=True)
    only = set(sys.argv[1:])
    results: dict[str, object] = {}
    for path in sorted((ROOT / "tools").glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if only and name not in only:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        started = time.perf_counter()
        figures = module.run()
        figures["_elapsed_s"] = round(time.perf_counter() - started, 2)
        results[name] = figures
        (out_dir / f"{name}.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False))
        print(f"== {name}")
        for key, value in figures.items():
            print(f"  {key}: {value}")
    # A partial run (``bench.py delivery``) keeps the other modules' last figures.
    merged_path = out_dir / "results.json"
    merged = json.loads(merged_path.read_text()) if merged_path.exists() else {}
    merged.update(results)
    merged_path.write_text(json.dumps(merged, indent=2, ensure_ascii=False))
    print(f"results written to {out_dir / 'results.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
