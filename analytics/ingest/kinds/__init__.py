"""The registry of import kinds: one module per kind, each defining ``KIND``.

A new kind of file is one new module here and one line below; the command line, the templates,
the upload screen and the demo read ``REGISTRY``.
"""

from __future__ import annotations

from analytics.ingest.kinds.base import Guide, ImportKind, ImportOptions, Parsed

__all__ = ["KINDS", "REGISTRY", "Guide", "ImportKind", "ImportOptions", "Parsed", "get", "label"]


def _registry() -> dict[str, ImportKind]:
    from analytics.ingest.kinds import evaluation, plan, progress, roster, training

    return {kind.KIND.name: kind.KIND for kind in (roster, evaluation, plan, progress, training)}


REGISTRY: dict[str, ImportKind] = _registry()
KINDS: tuple[str, ...] = tuple(REGISTRY)


def get(name: str) -> ImportKind:
    """The kind called ``name``; ValueError for an unknown one."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown kind {name!r}") from None


def label(name: str) -> str:
    """The Vietnamese label of a kind ('danh sách cán bộ, công chức'), the name if unknown."""
    kind = REGISTRY.get(name)
    return kind.label if kind else name
