-- Headline figures of the latest (rank 1) and previous (rank 2) roster snapshot, in scope: one
-- row per rank over every ward in scope (the overview), or with $by_ward one per rank and ward
-- (the ward comparison; ward is null otherwise). Ranks are per ward (ranked_snapshots).
with scoped as (
    select
        *,
        case when $by_ward then ward end as ward_key
    from people
    where snapshot_rank <= 2 and {{scope}}
),
gaps as (
    select
        snapshot_rank,
        case when $by_ward then ward end as ward_key,
        count(distinct staff_id) filter (where result in ('chưa đạt', 'thiếu')) as below_standard,
        count(distinct staff_id) filter (
            where result in ('chưa đạt', 'thiếu') and sensitive
        ) as below_standard_sensitive,
        count(distinct staff_id) filter (where result = 'chưa có dữ liệu') as no_data
    from placement_checks
    where snapshot_rank <= 2 and {{scope}}
    group by all
)
select
    s.snapshot_rank,
    s.ward_key as ward,
    max(s.as_of) as as_of,
    count(*) as head_count,
    count(*) filter (where s.education_level in ('Tiến sĩ', 'Thạc sĩ', 'Đại học')) as university,
    count(*) filter (
        where s.political_theory in ('Cử nhân', 'Cao cấp', 'Trung cấp')
    ) as political_theory_tc,
    count(*) filter (where s.education_level is null) as education_unknown,
    count(*) filter (where s.political_theory is null) as political_theory_unknown,
    coalesce(max(g.below_standard), 0) as below_standard,
    coalesce(max(g.below_standard_sensitive), 0) as below_standard_sensitive,
    coalesce(max(g.no_data), 0) as no_data
from scoped as s
left join gaps as g
    on g.snapshot_rank = s.snapshot_rank and g.ward_key is not distinct from s.ward_key
group by s.snapshot_rank, s.ward_key
order by s.snapshot_rank, s.ward_key
