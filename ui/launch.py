"""Start Streamlit with navigation left to ``st.navigation`` alone.

Streamlit treats a ``pages/`` folder beside the entry script as the old (v1) multipage layout: a
deep link such as ``/trinh-do`` then shows "Page not found" and ``/trinh_do`` runs a page without
the shared sidebar. Our pages live in ``pages/`` by convention, so switch that mode off before
the server starts. Usage: ``python -m ui.launch run dashboard.py [streamlit options]``.
"""

from __future__ import annotations

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
