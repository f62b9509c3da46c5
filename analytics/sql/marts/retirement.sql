-- Each person of every snapshot (mart_people) with the day they retire (NĐ 135/2020/NĐ-CP): the
-- first roadmap year (retirement_roadmap, migration 009) whose age the person reaches within that
-- year, the first row standing for every earlier year and the last for every later one; the end
-- of the month the age is reached. With only a birth year the count starts on 1 January
-- (``estimated``). No gender or birth: no row. Kept as a table (mart_retirement): every screen of
-- Kế hoạch nhân sự reads it, and at a country's size (212,000 people × the roadmap's rows) it
-- took a second each time (queries/retirement_forecast.sql reads it with the scope).
create or replace view int_retirement as
with people as (
    select
        ward,
        import_id,
        source_row,
        gender,
        coalesce(year(birth_date), birth_year) as born_year,
        coalesce(month(birth_date), 1) as born_month,
        birth_date is null and birth_year is not null as estimated
    from mart_people
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
        p.import_id,
        p.source_row,
        p.estimated,
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
)

select
    ward,
    import_id,
    source_row,
    last_day(make_date(month_index // 12, month_index % 12 + 1, 1)) as retirement_date,
    estimated,
    age_years,
    age_months,
    legal_source
from reached
where month_index // 12 = year
    or (year = first_year and month_index // 12 < year)
    or (year = last_year and month_index // 12 > year)
qualify row_number() over (partition by ward, import_id, source_row order by month_index) = 1;
