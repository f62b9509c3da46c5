-- Every roster row of every snapshot with what the pages derive from it: age at the snapshot
-- date, the official age band, whether the field is sensitive.
create or replace view int_people as
with retirement as (
    select
        max(value) filter (where key = 'retirement_age_male') as male,
        max(value) filter (where key = 'retirement_age_female') as female
    from settings
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
    a.*,
    case
        when a.age is null then 'Chưa cập nhật'
        when a.age >= (case when a.gender = 'Nữ' then t.female else t.male end) then 'Trên tuổi nghỉ hưu'
        when a.age < 30 then 'Dưới 30'
        when a.age <= 40 then '30–40'
        when a.age <= 50 then '41–50'
        else '51–60'
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
    {{name_order}} as name_sort
from aged as a
cross join retirement as t
left join fields as f using (field);
