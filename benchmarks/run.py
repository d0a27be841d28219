"""`make bench`: run every benchmark in one go and print its figures (see benchmarks/README.md).

Each benchmark is a script in this folder with a `main()`; those that need ../shared/data skip
with a message when it is absent.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["throughput", "timeml_bench", "geoparse_bench", "ptc_bench", "scale_bench"]


def main() -> int:
    status = 0
    for name in ORDER:
        path = HERE / f"{name}.py"
        if not path.exists():
            continue
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print(flush=True)
        status |= module.main([]) or 0
    return status


if __name__ == "__main__":
    sys.exit(main())
