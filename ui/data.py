"""The store and cached queries for the pages. Results are cached per data version and scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from analytics import queries
from analytics.scope import Scope
from analytics.store import Store, default_db_path


@st.cache_resource(show_spinner=False)
def _open(path: str) -> Store:
    return Store(path)


def store() -> Store:
    """One connection per database file and process; pages take cursors from it."""
    return _open(str(default_db_path()))


def data_version() -> tuple[int, int, int]:
    """Changes whenever an import, a progress report or a standards edit lands."""
    return queries.data_version(store())


@st.cache_data(show_spinner=False, max_entries=512)
def _cached(
    name: str,
    db: str,
    version: tuple[int, int, int],
    scope: Scope,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...] = (),
) -> Any:
    del version  # part of the cache key only
    return getattr(queries, name)(_open(db), scope, *args, **dict(kwargs))


def query(name: str, scope: Scope, *args: Any, **kwargs: Any) -> Any:
    """``analytics.queries.<name>(store, scope, *args, **kwargs)``, cached until the data
    changes."""
    return _cached(
        name, str(default_db_path()), data_version(), scope, args, tuple(sorted(kwargs.items()))
    )


def today() -> dt.date:
    return dt.date.today()


def clear() -> None:
    """After a write: drop cached results so every screen shows the new data at once."""
    _cached.clear()
