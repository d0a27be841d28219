"""`make bench`: run every benchmark in one go and print its figures (see benchmarks/README.md).

Each benchmark is a script in this folder, run in its own process so that one's memory and
loaded models do not weigh on the next; those that need ../shared/data skip with a message
when it is absent.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = ["throughput", "timeml_bench", "geoparse_bench", "ptc_bench", "scale_bench", "resolve_bench", "web_bench"]


def main() -> int:
    status = 0
    for name in ORDER:
        path = HERE / f"{name}.py"
        if path.exists():
            print(f"\n# {name}", flush=True)
            status |= subprocess.run([sys.executable, str(path)], check=False).returncode
    return status


if __name__ == "__main__":
    sys.exit(main())
