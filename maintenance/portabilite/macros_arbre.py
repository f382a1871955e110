"""Macros of the trusted pages, for a tree written by scripts/ecrire_site.py and built by another generator.

Copied into the tree. It runs the macros of macros/main.py unchanged: only the page differs, MkDocs giving
`page.file.src_uri` where Zensical gives `page.path`. The repository is named by `extra.ptce_depot` of the
tree's configuration, since this copy no longer sits in it.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace


class _Env:
    """The generator's macro environment, with the page as macros/main.py reads it."""

    def __init__(self, env):
        self._env = env

    def macro(self, fn=None, name=None):
        return self._env.macro(fn, name)

    @property
    def page(self):
        page = self._env.page
        if hasattr(page, "file"):
            return page
        return SimpleNamespace(file=SimpleNamespace(src_uri=page.path), url=page.url, meta=page.meta)


def define_env(env):
    main = Path(env.conf["extra"]["ptce_depot"]) / "macros" / "main.py"
    spec = importlib.util.spec_from_file_location("ptce_macros_main", main)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.define_env(_Env(env))
