-- For each person of a sensitive field who retires within $months months of the roster's date,
-- the people in scope of the same ward, of any field, who already meet every active standard of
-- that post (the standards that apply to its field, position and leadership, judged by the
-- placement rules' own macros in marts/placement_checks.sql: "chưa có dữ liệu" is not met) and
-- do not retire within the same months: candidates to take the post over, not decisions. A
-- person holding a leadership post is not proposed for a post that is not one. Those of the
-- leaver's own field first (``same_field``), then by name; ``candidate_note``: what the roster
-- says sets the candidate aside for now (maternity leave…). A leaver with none gets one row with
-- a null candidate. ``candidate_count``: how many meet the post; only the first $per_leaver of
-- them are listed (null: all), in that order (``candidate_rank``).
with forecast as (
    {{query:retirement_forecast}}
),

leavers as (
    select f.*, s.is_leader
    from forecast as f
    join staff as s on s.ward = f.ward and s.staff_id = f.staff_id
    where f.sensitive
        and f.retirement_date is not null
        and f.retirement_date <= f.as_of + to_months($months::integer)
),

stays as (
    select s.*
    from forecast as f
    join staff as s on s.ward = f.ward and s.staff_id = f.staff_id
    where f.retirement_date is null or f.retirement_date > f.as_of + to_months($months::integer)
),

-- each leaver's post and the standards that apply to it
post_standards as (
    select l.ward, l.staff_id, st.criterion, st.required
    from leavers as l
    join standards as st
        on st.active and standard_applies(st.applies_to, st.target, l.field, l.position, l.is_leader)
),

pairs as (
    select l.ward, l.staff_id, p.staff_id as candidate_id
    from leavers as l
    join stays as p on p.ward = l.ward and p.staff_id <> l.staff_id
    where l.is_leader or not p.is_leader
),

-- a pair fails when one standard of the post is not met by the candidate
unmet as (
    select distinct pr.ward, pr.staff_id, pr.candidate_id
    from pairs as pr
    join post_standards as ps on ps.ward = pr.ward and ps.staff_id = pr.staff_id
    join stays as p on p.ward = pr.ward and p.staff_id = pr.candidate_id
    left join category_levels as ra
        on ra.category = ps.criterion
        and ra.value = criterion_value(
            ps.criterion, p.education_level, p.political_theory, p.state_management, p.major,
            p.certificates
        )
    left join category_levels as rr on rr.category = ps.criterion and rr.value = ps.required
    where standard_result(
        ps.criterion,
        ps.required,
        criterion_value(
            ps.criterion, p.education_level, p.political_theory, p.state_management, p.major,
            p.certificates
        ),
        ra.rank,
        rr.rank
    ) <> 'đạt'
),

met as (
    select pr.ward, pr.staff_id, pr.candidate_id
    from pairs as pr
    anti join unmet as u
        on u.ward = pr.ward and u.staff_id = pr.staff_id and u.candidate_id = pr.candidate_id
)

select
    l.ward,
    l.staff_id,
    l.full_name,
    l.unit,
    l.position,
    l.field,
    l.retirement_date,
    l.estimated,
    p.staff_id as candidate_id,
    p.full_name as candidate_name,
    p.unit as candidate_unit,
    p.position as candidate_position,
    p.field as candidate_field,
    p.field is not distinct from l.field as same_field,
    p.exclusion as candidate_note,
    l.name_sort,
    p.name_sort as candidate_sort,
    count(p.staff_id) over (partition by l.ward, l.staff_id) as candidate_count,
    row_number() over (
        partition by l.ward, l.staff_id
        order by p.field is not distinct from l.field desc, p.name_sort, p.staff_id
    ) as candidate_rank
from leavers as l
left join met as m on m.ward = l.ward and m.staff_id = l.staff_id
left join stays as p on p.ward = m.ward and p.staff_id = m.candidate_id
qualify $per_leaver::integer is null or candidate_rank <= $per_leaver::integer
order by l.retirement_date, l.name_sort, l.staff_id, candidate_rank
