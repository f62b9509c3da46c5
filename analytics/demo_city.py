"""A second synthetic ward for the demo, so the city's comparison ("So sánh phường") has
something to compare: Phường Tân Hưng, drawn like Việt Hòa from its own seed, with fewer posts,
an older roster (30/06/2026: the comparison shows each ward's data date) and the 2025
evaluations only; no plan. Synthetic: no real person."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from analytics.demo_files import (
    DEMO_SEED,
    DemoFile,
    _build_staff,
    _evaluations,
    _snapshot,
    write_evaluation,
    write_official_roster,
)

SECOND_WARD = "PHƯỜNG TÂN HƯNG"
SECOND_WARD_AS_OF = date(2026, 6, 30)
# Posts Việt Hòa has and this smaller ward does not (the leaver too: gone before 2026).
_NOT_HERE = (
    "thi_dua_vp",
    "quan_tri_vp",
    "giao_thong",
    "van_hoa",
    "tiep_nhan_tt",
    "noi_vu",
    "moi_truong_moi",
    "mot_cua_thieu_cm",
)
# The ward's profile and quota for the staffing screens: synthetic figures.
SECOND_PROFILE = ("Phường Tân Hưng", "phường", 19500, False)  # 32 + 3,500 // 2,000 = 33
SECOND_QUOTA = 34


def write_second_ward_files(out_dir: Path) -> list[DemoFile]:
    """The roster of 30/06/2026 and the 2025 evaluations of the second ward, in import order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(DEMO_SEED + 1)
    staff = [m for m in _build_staff(rng) if m.key not in _NOT_HERE]
    people = _snapshot(staff, SECOND_WARD_AS_OF, rng)
    roster = out_dir / f"tan_hung_roster_{SECOND_WARD_AS_OF.isoformat()}.xlsx"
    write_official_roster(roster, people, ward=SECOND_WARD, as_of=SECOND_WARD_AS_OF)
    evaluation = out_dir / "tan_hung_danh_gia_2025.xlsx"
    write_evaluation(evaluation, _evaluations(staff, 2025, rng), year=2025, ward=SECOND_WARD)
    return [DemoFile("roster", roster), DemoFile("evaluation", evaluation, 2025)]
