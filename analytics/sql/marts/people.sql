-- Every roster row of every snapshot with what the pages derive from it: age at the snapshot
-- date, the official age band, whether the field is sensitive.
-- The bands and their cut-offs are the rows of ``age_bands``, the retirement ages those of
-- ``settings`` (migrations/007_rule_tables.sql, 002_standards.sql).
create or replace view int_people as
with retirement as (
    select
        max(value) filter (where key = 'retirement_age_male') as male,
        max(value) filter (where key = 'retirement_age_female') as female,
        (select band from age_bands where past_retirement) as band
    from settings
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
    a.* exclude (province),
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
    a.province
from aged as a
cross join retirement as t
left join fields as f using (field);
