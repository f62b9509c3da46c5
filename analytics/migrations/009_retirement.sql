-- The retirement ages of NĐ 135/2020/NĐ-CP (art. 4, 6; BLLĐ 2019 art. 169) as an editable table
-- (issue 11): men 60 years 3 months in 2021, plus 3 months a year to 62 in 2028; women 55 years
-- 4 months in 2021, plus 4 months a year to 60 in 2035. The 2020 row is the age before the
-- roadmap (BLLĐ 2012: 60 and 55) and applies to every earlier year; the last row of each gender
-- applies to every later year. ``year`` is the calendar year in which the age is reached: a
-- person retires in the first year whose row's age they reach within that year (the decree's
-- annex: a man born 03/1965 reaches 61 years 6 months, the 2026 age, in 09/2026).
-- Retirement falls at the end of the last day of that month (NĐ 135/2020 art. 6).
create table retirement_roadmap (
    gender varchar not null,  -- 'Nam' | 'Nữ' (analytics.categories.GENDERS)
    year integer not null,
    age_years integer not null,
    age_months integer not null,
    legal_source varchar not null,
    primary key (gender, year)
);

insert into retirement_roadmap
select 'Nam', y, (720 + 3 * least(y - 2020, 8)) // 12, (720 + 3 * least(y - 2020, 8)) % 12,
    case when y = 2020 then 'BLLĐ 2012 (trước lộ trình)' else 'NĐ 135/2020/NĐ-CP, Điều 4; BLLĐ 2019, Điều 169' end
from range(2020, 2029) as t(y);

insert into retirement_roadmap
select 'Nữ', y, (660 + 4 * least(y - 2020, 15)) // 12, (660 + 4 * least(y - 2020, 15)) % 12,
    case when y = 2020 then 'BLLĐ 2012 (trước lộ trình)' else 'NĐ 135/2020/NĐ-CP, Điều 4; BLLĐ 2019, Điều 169' end
from range(2020, 2036) as t(y);
