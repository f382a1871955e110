"""`make serve`'s rebuilds without the server: the same MkDocs calls in one process, timed, and the files
they leave. Used by the preview test (tests/test_apercu.py) and the benchmark (bench.py).

    python maintenance/apercu.py PROJECT STEPS.json

STEPS is a list of steps; each is a list of edits ({"path": …, "text": …} writes a file, {"path": …} removes
it), applied before a rebuild. The first rebuild starts the session. Prints, as JSON, each rebuild's seconds
the SHA-256 of every file of the site after the last one (the search index left out: the preview builds
it after the browser reloads) and the site's folder.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

SERVE_URL = "http://127.0.0.1:8000/"


def session(project: Path, steps: list[list[dict]]) -> dict:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(project)
    site_dir = Path(tempfile.mkdtemp(prefix="apercu-"))
    seconds, states = [], []
    for i, edits in enumerate([[], *steps]):
        for edit in edits:
            path = project / edit["path"]
            if "text" in edit:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(edit["text"], encoding="utf-8")
            else:
                path.unlink()
        start = time.perf_counter()
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
        if i == 0:
            config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL)
        seconds.append(time.perf_counter() - start)
        states.append(digests(site_dir))
    config.plugins.on_shutdown()  # stops the search index of the last rebuild
    return {"secondes": seconds, "etats": states, "dossier": str(site_dir)}


def digests(site_dir: Path) -> dict[str, str]:
    return {
        str(p.relative_to(site_dir)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site_dir.rglob("*"))
        if p.is_file() and p.relative_to(site_dir).parts[0] != "pagefind"
    }


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    result = session(Path(sys.argv[1]).resolve(), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")))
    print(json.dumps(result))
