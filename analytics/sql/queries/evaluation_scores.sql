-- Each evaluated person's NĐ 335/2025 score band (thresholds in settings) and score bin.
select
    e.staff_id,
    e.full_name,
    e.unit,
    e.position,
    e.field,
    e.year,
    e.grade,
    e.score,
    coalesce(e.score_band, 'Chưa cập nhật') as band,
    -- A score of 100 falls in the last bin, not in a bin of its own.
    least(floor(e.score / $width::double) * $width::double, 100 - $width::double) as bin_start,
    e.name_sort
from staff_evaluations as e
where {{scope}} and ($year::integer is null or e.year = $year::integer)
order by e.year, e.score desc
