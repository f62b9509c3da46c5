-- Staging: one source each, renamed, cast and ranked. Read by the marts (analytics/sql/marts/)
-- and the public views (views.sql); recreated on every read-write open.

create or replace view roster_snapshots as
select distinct ward, as_of, import_id
from roster_rows;

-- Snapshots ranked per ward: 1 = latest, 2 = the one before (for "change since").
create or replace view ranked_snapshots as
select
    ward,
    as_of,
    import_id,
    row_number() over (partition by ward order by as_of desc, import_id desc) as snapshot_rank
from roster_snapshots;

create or replace view latest_snapshots as
select ward, as_of, import_id from ranked_snapshots where snapshot_rank = 1;


-- The NĐ 335/2025 band of a score (from 90 HTXSNV, 70 HTTNV, 50 HTNV, else KHTNV): the
-- thresholds are the editable rows of ``settings``, read here and nowhere else.
create or replace macro score_band(score) as (
    case
        when score is null then null
        when score >= (select value from settings where key = 'score_htxsnv') then 'HTXSNV'
        when score >= (select value from settings where key = 'score_httnv') then 'HTTNV'
        when score >= (select value from settings where key = 'score_htnv') then 'HTNV'
        else 'KHTNV'
    end
);

-- One result per person and period: the latest import wins, and within a file the later row
-- (a person written twice; the import warns, EVAL_DUPLICATE_PERSON).
create or replace view evaluation_results as
select * exclude (rn)
from (
    select
        e.*,
        row_number() over (
            partition by staff_id, year, period_kind, period_number
            order by import_id desc, source_row desc
        ) as rn
    from evaluation_rows as e
    where staff_id is not null
)
where rn = 1;

-- The monthly and quarterly results (NĐ 335/2025 scores tasks by month or by quarter).
create or replace view evaluation_periods as
select
    staff_id,
    year,
    period_kind,
    period_number,
    grade,
    score,
    ward,
    unit,
    import_id
from evaluation_results
where period_kind <> 'year';
