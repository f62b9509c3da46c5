-- Evaluations by period. NĐ 335/2025/NĐ-CP (from 1/1/2026) scores civil servants monthly or
-- quarterly and grades the year from the average of the period scores; cadre software exports
-- one file per month ("tháng 12 năm 2025"). Monthly, quarterly and annual results are kept apart:
-- the rows imported before this migration are annual results.
-- DuckDB alters no table an index depends on: the index is dropped and made again.
drop index evaluation_rows_staff_idx;
alter table evaluation_rows add column period_kind varchar not null default 'year';  -- month | quarter | year
alter table evaluation_rows add column period_number integer;  -- month 1–12, quarter 1–4, null for a year

create index evaluation_rows_staff_idx on evaluation_rows (staff_id, year, period_kind, period_number);

-- The bands that turn an average score into a grade (from 90 HTXSNV, 70 to under 90 HTTNV,
-- 50 to under 70 HTNV, under 50 KHTNV; NĐ 335/2025/NĐ-CP) are the rows score_htxsnv,
-- score_httnv and score_htnv of ``settings`` (002_standards.sql); they are not repeated here.
