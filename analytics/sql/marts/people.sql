-- Every roster row of every snapshot with what the pages derive from it: age at the snapshot
-- date, the official age band, whether the field is sensitive.
-- The bands and their cut-offs are the rows of ``age_bands``, the retirement ages those of
-- ``settings`` (migrations/007_rule_tables.sql, 002_standards.sql).
create or replace view int_people as
with retirement as (
    select
        max(value) filter (where key = 'retirement_age_male') as male,
        max(value) filter (where key = 'retirement_age_female') as female,
        (select band from age_bands where past_retirement) as band,
        cast(max(value) filter (where key = 'exclusion_child_months') as integer) as child_months,
        (select sort_order from review_exclusions where exclusion_code = 'child') as child_order
    from settings
),
-- the first exclusion (review_exclusions.sort_order) whose phrase a "Tình trạng" or "Ghi chú"
-- text writes, once per distinct pair of texts
text_exclusions as (
    select
        w.status,
        w.note,
        arg_min(e.exclusion_code, e.sort_order) as exclusion_code,
        min(e.sort_order) as sort_order
    from (
        select distinct status, note
        from roster_rows
        where status is not null or note is not null
    ) as w
    join review_exclusions as e
        on list_bool_or([
            contains(
                ' ' || name_key(coalesce(w.status, '') || ' ' || coalesce(w.note, '')) || ' ',
                ' ' || trim(p) || ' '
            )
            for p in string_split(e.keywords, ';')
        ])
    group by w.status, w.note
),
-- each band from its from_age up to the next band's (null: no bound on that side)
age_ranges as (
    select
        band,
        from_age,
        lead(from_age) over (order by sort_order) as below_age
    from age_bands
    where not past_retirement
),
aged as (
    select
        r.*,
        k.snapshot_rank,
        case
            when r.birth_date is not null then date_sub('year', r.birth_date, r.as_of)
            when r.birth_year is not null then year(r.as_of) - r.birth_year
        end as age
    from roster_rows as r
    join ranked_snapshots as k using (ward, as_of, import_id)
)
select
    a.* exclude (province, post_since, post_since_estimated, status, child_birth),
    case
        when a.age is null then 'Chưa cập nhật'
        when a.age >= (case when a.gender = 'Nữ' then t.female else t.male end) then t.band
        else (
            select b.band
            from age_ranges as b
            where (b.from_age is null or a.age >= b.from_age)
                and (b.below_age is null or a.age < b.below_age)
        )
    end as age_band,
    coalesce(f.sensitive, false) as sensitive,
    case
        when a.major is null then null
        else coalesce((
            select g.group_name
            from major_groups as g
            where contains(' ' || name_key(a.major) || ' ', ' ' || g.keyword || ' ')
            order by g.sort_order
            limit 1
        ), 'Khác')
    end as major_group,
    -- Vietnamese name order (tên, đệm, họ; ICU "vi"): sort by this, never by full_name
    {{name_order}} as name_sort,
    -- the roster's "Tỉnh/thành phố" (migration 008); last, as a column added to the contract
    a.province,
    -- migration 012: the post held since, the roster's "Tình trạng", the youngest child's birth
    a.post_since,
    a.post_since_estimated,
    a.status,
    a.child_birth,
    -- what sets the person aside from a streamlining review or a rotation while it lasts
    -- (review_exclusions, NĐ 154/2025; NĐ 59/2019): a child under the settings' months at the
    -- roster's date, or an exclusion whose phrase "Tình trạng" or "Ghi chú" writes; the first
    -- in sort_order when both
    x.exclusion_code,
    x.reason as exclusion,
    x.legal_source as exclusion_source
from aged as a
cross join retirement as t
left join fields as f using (field)
left join text_exclusions as tx
    on tx.status is not distinct from a.status and tx.note is not distinct from a.note
left join review_exclusions as x
    on x.exclusion_code = case
        when a.child_birth is not null
            and a.as_of < a.child_birth + to_months(t.child_months)
            and (tx.exclusion_code is null or tx.sort_order > t.child_order)
            then 'child'
        else tx.exclusion_code
    end;
