"""Start the real app and report, at the first paint of its first window, which modules were loaded.

Usage: python first_window_driver.py PROFILE_DIR [app arguments...]  (run with QT_QPA_PLATFORM=offscreen)
Prints one JSON line {"window": objectName, "modules": [...]} and exits at once.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for helpers


def main() -> None:
    from helpers.first_paint import on_first_paint

    on_first_paint(lambda window: json.dumps({"window": window.objectName(), "modules": sorted(sys.modules)}))
    from vitedesk.app import main as app_main

    app_main(["--profile-dir", sys.argv[1], *sys.argv[2:]])
    print(json.dumps({"window": None, "modules": []}))


if __name__ == "__main__":
    main()
