-- Each person of the latest roster in scope with the day they retire (NĐ 135/2020/NĐ-CP), as the
-- rule in marts/retirement.sql computes it for every person (mart_retirement). ``horizon``: 0
-- already reached at the roster's date, 1 within 12 months, 2 within 24, 3 within 60, 4 later,
-- 5 no gender or birth (analytics.categories.RETIREMENT_HORIZONS).
with people as (
    select s.*
    from staff as s
    where {{scope}}
),

chosen as (
    select
        r.ward,
        p.staff_id,
        r.legal_source,
        r.age_years,
        r.age_months,
        r.retirement_date,
        r.estimated
    from people as p
    join mart_retirement as r
        on r.ward = p.ward and r.import_id = p.import_id and r.source_row = p.source_row
)

select
    p.ward,
    p.staff_id,
    p.full_name,
    p.name_sort,
    p.gender,
    p.birth_date,
    p.birth_year,
    p.unit,
    p.position,
    p.field,
    p.sensitive,
    p.as_of,
    c.retirement_date,
    c.retirement_date is not null and c.estimated as estimated,
    c.age_years as retirement_age_years,
    c.age_months as retirement_age_months,
    case
        when c.retirement_date is null then null
        when c.retirement_date <= p.as_of then 0
        else datediff('month', p.as_of, c.retirement_date)
    end as months_left,
    case
        when c.retirement_date is null then 5
        when c.retirement_date <= p.as_of then 0
        when c.retirement_date <= p.as_of + interval 12 month then 1
        when c.retirement_date <= p.as_of + interval 24 month then 2
        when c.retirement_date <= p.as_of + interval 60 month then 3
        else 4
    end as horizon,
    c.legal_source
from people as p
left join chosen as c using (ward, staff_id)
order by c.retirement_date nulls last, p.name_sort
