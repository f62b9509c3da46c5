-- Each person of the latest roster in scope with the day they retire (NĐ 135/2020/NĐ-CP): the
-- first roadmap year (retirement_roadmap, migration 009) whose age the person reaches within that
-- year, the first row standing for every earlier year and the last for every later one; the end
-- of the month the age is reached. With only a birth year the count starts on 1 January
-- (``estimated``). ``horizon``: 0 already reached at the roster's date, 1 within 12 months,
-- 2 within 24, 3 within 60, 4 later, 5 no gender or birth (analytics.categories.RETIREMENT_HORIZONS).
with people as (
    select
        s.*,
        coalesce(year(s.birth_date), s.birth_year) as born_year,
        coalesce(month(s.birth_date), 1) as born_month,
        s.birth_date is null and s.birth_year is not null as estimated
    from staff as s
    where {{scope}}
),

bounds as (
    select
        gender,
        min(year) as first_year,
        max(year) as last_year
    from retirement_roadmap
    group by gender
),

-- the month (counted as year * 12 + month - 1) in which each row's age is reached
reached as (
    select
        p.ward,
        p.staff_id,
        r.legal_source,
        r.age_years,
        r.age_months,
        p.born_year * 12 + p.born_month - 1 + r.age_years * 12 + r.age_months as month_index,
        r.year,
        b.first_year,
        b.last_year
    from people as p
    join retirement_roadmap as r on r.gender = p.gender
    join bounds as b on b.gender = p.gender
    where p.born_year is not null
),

chosen as (
    select
        ward,
        staff_id,
        legal_source,
        age_years,
        age_months,
        last_day(make_date(month_index // 12, month_index % 12 + 1, 1)) as retirement_date
    from reached
    where month_index // 12 = year
        or (year = first_year and month_index // 12 < year)
        or (year = last_year and month_index // 12 > year)
    qualify row_number() over (partition by ward, staff_id order by month_index) = 1
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
    c.retirement_date is not null and p.estimated as estimated,
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
