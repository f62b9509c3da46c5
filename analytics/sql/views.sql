-- The public contract read by pages, exports and users' own queries (documented in README.md).
-- Recreated on every read-write open, so a change here needs no migration.

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

-- Every roster row of every snapshot with what the pages derive from it: age at the snapshot
-- date, the official age band, whether the field is sensitive.
create or replace view people as
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
    end as major_group
from aged as a
cross join retirement as t
left join fields as f using (field);

create or replace view staff as
select
    staff_id,
    full_name,
    birth_date,
    birth_year,
    gender,
    unit,
    position,
    is_leader,
    field,
    education_level,
    major,
    political_theory,
    state_management,
    it_skill,
    foreign_language,
    language_name,
    rank_code,
    party_member,
    ethnicity,
    religion,
    certificates,
    staff_type,
    note,
    ward,
    as_of,
    age,
    age_band,
    sensitive,
    major_group,
    name_key,
    source_row,
    import_id
from people
where snapshot_rank = 1;

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

-- One result per person and year. Where the year has an annual result, that one (derived =
-- false); where it has only period scores, their average, graded by the score bands (derived =
-- true, periods = how many were averaged, derived_from = month | quarter). Monthly scores are
-- averaged when the year has any, else quarterly ones (a month and its quarter are never counted
-- twice). Discipline in any period makes the year KHTNV (NĐ 335/2025; DOMAIN.md §5).
create or replace view evaluations as
with annual as (
    select * from evaluation_results where period_kind = 'year'
),
finest as (
    select
        staff_id,
        year,
        case when bool_or(period_kind = 'month') then 'month' else 'quarter' end as period_kind
    from evaluation_results
    where period_kind <> 'year' and score is not null
    group by staff_id, year
),
derived as (
    select
        r.staff_id,
        r.year,
        any_value(r.period_kind) as derived_from,
        avg(r.score) as score,
        avg(r.on_time_rate) as on_time_rate,
        avg(r.satisfaction) as satisfaction,
        bool_or(r.disciplined) as disciplined,
        -- ward, unit and import of the latest period
        arg_max(r.ward, r.period_number) as ward,
        arg_max(r.unit, r.period_number) as unit,
        arg_max(r.import_id, r.period_number) as import_id,
        count(*)::integer as periods
    from evaluation_results as r
    join finest as f using (staff_id, year, period_kind)
    where r.score is not null
    group by r.staff_id, r.year
)
select
    staff_id,
    year,
    grade,
    score,
    on_time_rate,
    satisfaction,
    disciplined,
    ward,
    unit,
    note,
    import_id,
    false as derived,
    cast(null as integer) as periods,
    cast(null as varchar) as derived_from
from annual
union all
select
    d.staff_id,
    d.year,
    case when d.disciplined then 'KHTNV' else score_band(d.score) end as grade,
    d.score,
    d.on_time_rate,
    d.satisfaction,
    d.disciplined,
    d.ward,
    d.unit,
    cast(null as varchar) as note,
    d.import_id,
    true as derived,
    d.periods,
    d.derived_from
from derived as d
anti join annual as a using (staff_id, year);

create or replace view latest_progress as
select *
from (
    select
        p.*,
        row_number() over (
            partition by ward, task_code order by report_date desc, report_id desc
        ) as rn
    from progress_reports as p
)
where rn = 1;

-- Tasks of each ward's latest plan file, with the status of the latest progress report.
create or replace view plan_tasks as
with latest_plan as (
    select ward, max(import_id) as import_id
    from plan_task_rows
    group by ward
)
select
    t.task_code,
    t.title,
    t.lead_unit,
    t.coordinating_units,
    t.deadline_text,
    t.due_date,
    t.recurring,
    coalesce(p.status, 'Chưa thực hiện') as status,
    p.percent,
    p.report_date as last_report_date,
    t.deliverable,
    p.deliverable as reported_deliverable,
    p.note as last_note,
    t.accountable,
    t.authority,
    t.assignee,
    t.ward,
    t.sort_order
from plan_task_rows as t
join latest_plan as lp using (ward, import_id)
left join latest_progress as p using (ward, task_code);

-- Every person of every snapshot checked against each active standard that applies to them.
-- result: đạt | chưa đạt | thiếu | chưa có dữ liệu ("no data" is kept apart from "below").
create or replace view placement_checks as
with applicable as (
    select
        p.*,
        s.standard_id,
        s.criterion,
        s.required,
        s.legal_source,
        case s.criterion
            when 'education_level' then p.education_level
            when 'political_theory' then p.political_theory
            when 'state_management' then p.state_management
            when 'major' then p.major
            when 'certificate' then p.certificates
        end as actual
    from people as p
    join standards as s
        on s.active
        and (
            s.applies_to = 'all'
            or (s.applies_to = 'leader' and p.is_leader)
            or (s.applies_to = 'field' and s.target = p.field)
            or (s.applies_to = 'position' and name_key(p.position) = name_key(s.target))
        )
),
judged as (
    select
        a.*,
        case
            when a.criterion = 'certificate' then
                case
                    when a.actual is not null and contains(name_key(a.actual), name_key(a.required))
                        then 'đạt'
                    else 'thiếu'
                end
            when a.actual is null then 'chưa có dữ liệu'
            when a.criterion = 'major' then
                case
                    when len(list_filter(
                        string_split(a.required, ';'),
                        -- whole words: the keyword "Y" must not match "quản lý"
                        lambda k: contains(
                            ' ' || name_key(a.actual) || ' ', ' ' || name_key(trim(k)) || ' '
                        )
                    )) > 0 then 'đạt'
                    else 'chưa đạt'
                end
            when ra.rank >= rr.rank then 'đạt'
            else 'chưa đạt'
        end as result
    from applicable as a
    left join category_levels as ra on ra.category = a.criterion and ra.value = a.actual
    left join category_levels as rr on rr.category = a.criterion and rr.value = a.required
)
select
    j.ward,
    j.as_of,
    j.snapshot_rank,
    j.staff_id,
    j.full_name,
    j.unit,
    j.position,
    j.field,
    j.sensitive,
    j.is_leader,
    j.gender,
    j.age_band,
    j.standard_id,
    j.criterion,
    c.label as criterion_label,
    c.sort_order as criterion_order,
    j.required,
    j.actual,
    j.result,
    case j.result when 'chưa đạt' then 3 when 'thiếu' then 2 when 'chưa có dữ liệu' then 1 else 0 end
        as severity,
    case
        when j.result = 'đạt' then null
        when j.result = 'chưa có dữ liệu' then
            'Chưa có dữ liệu ' || lower(c.label) || ' để đối chiếu yêu cầu "' || j.required || '".'
        when j.criterion = 'education_level' then
            'Trình độ chuyên môn ' || j.actual || ' thấp hơn yêu cầu ' || j.required || ' trở lên.'
        when j.criterion = 'major' then
            'Chuyên ngành "' || j.actual || '" không thuộc nhóm ngành phù hợp với lĩnh vực '
            || j.field || ' (' || replace(j.required, ';', ',') || ').'
        when j.criterion = 'certificate' then
            'Chưa có chứng chỉ ' || j.required || ' theo yêu cầu của chức vụ ' || j.position || '.'
        else
            c.label || ' ' || j.actual || ' chưa đạt mức ' || j.required
            || ' trở lên mà chức vụ ' || j.position || ' yêu cầu.'
    end as reason,
    j.legal_source
from judged as j
join criteria as c using (criterion);

create or replace view placement_gaps as
select * exclude (snapshot_rank, as_of)
from placement_checks
where snapshot_rank = 1 and result <> 'đạt';

-- "Cần xem xét" (DOMAIN.md §5): a list for a human decision, never a verdict.
create or replace view review_list as
with window_years as (
    select
        ward,
        max(e.year) as last_year,
        max(e.year) - (select cast(value as integer) from settings where key = 'review_khtnv_years') + 1
            as first_year
    from evaluations as e
    group by ward
),
khtnv as (
    select
        s.staff_id,
        'khtnv' as reason_code,
        'Xếp loại Không hoàn thành nhiệm vụ năm ' || e.year || '.' as reason,
        e.year,
        'NĐ 154/2025/NĐ-CP' as legal_source
    from staff as s
    join evaluations as e using (staff_id)
    join window_years as w on w.ward = s.ward
    where e.grade = 'KHTNV' and e.year between w.first_year and w.last_year
),
standards_gaps as (
    select
        staff_id,
        case criterion when 'education_level' then 'education' else 'major' end as reason_code,
        case criterion
            when 'education_level' then 'Trình độ đào tạo thấp hơn tiêu chuẩn của vị trí: '
            else 'Chuyên ngành đào tạo không phù hợp với vị trí: '
        end || reason as reason,
        cast(null as integer) as year,
        'NĐ 154/2025/NĐ-CP (kế thừa NĐ 29/2023; chưa kiểm chứng)' as legal_source
    from placement_gaps
    where result = 'chưa đạt' and criterion in ('education_level', 'major')
)
select
    s.staff_id,
    s.full_name,
    s.unit,
    s.position,
    s.field,
    s.sensitive,
    s.gender,
    s.age_band,
    s.ward,
    r.reason_code,
    r.reason,
    r.year,
    r.legal_source
from (select * from khtnv union all select * from standards_gaps) as r
join staff as s using (staff_id);

-- The reader's scope: the one filter every query applies (lists empty = no restriction).
create or replace macro in_scope(
    ward, unit, field, gender, age_band, sensitive,
    wards, units, fields, genders, age_bands, sensitive_only
) as (
    (len(wards) = 0 or list_contains(wards, ward))
    and (len(units) = 0 or list_contains(units, coalesce(unit, 'Chưa cập nhật')))
    and (len(fields) = 0 or list_contains(fields, coalesce(field, 'Chưa cập nhật')))
    and (len(genders) = 0 or list_contains(genders, coalesce(gender, 'Chưa cập nhật')))
    and (len(age_bands) = 0 or list_contains(age_bands, age_band))
    and (not sensitive_only or sensitive)
);

-- Evaluations of the people in each ward's latest roster, with their current placement.
-- score_band: the NĐ 335/2025 band of the score (macro score_band, thresholds in settings).
create or replace view staff_evaluations as
select
    e.year,
    e.grade,
    e.score,
    score_band(e.score) as score_band,
    e.on_time_rate,
    e.satisfaction,
    e.disciplined,
    e.note as evaluation_note,
    e.derived,
    e.periods,
    e.derived_from,
    s.*
from evaluations as e
join staff as s using (staff_id);

-- Period results (months, quarters) of the people in each ward's latest roster, with their
-- current placement, as staff_evaluations holds the annual ones.
create or replace view staff_evaluation_periods as
select
    p.year,
    p.period_kind,
    p.period_number,
    p.grade,
    p.score,
    score_band(p.score) as score_band,
    s.*
from evaluation_periods as p
join staff as s using (staff_id);
