"""Trusted pages of docs/ are rendered by mkdocs-macros in a Jinja sandbox.

Defence in depth behind the rule that pages generated from data/ are never rendered as Jinja: should a
contributed value ever reach a template, it could not reach Python objects from there.
"""

from __future__ import annotations

from jinja2 import Environment
from jinja2.sandbox import SandboxedEnvironment


def sandboxed(env: Environment) -> SandboxedEnvironment:
    """A sandbox with the same delimiters, loader, globals and filters as env."""
    sandbox = SandboxedEnvironment(
        undefined=env.undefined,
        loader=env.loader,
        **{
            f"{part}_{end}_string": getattr(env, f"{part}_{end}_string")
            for part in ("block", "variable", "comment")
            for end in ("start", "end")
        },
    )
    sandbox.globals.update(env.globals)
    sandbox.filters.update(env.filters)
    return sandbox
