-- Evaluation rows not tied to anyone (staff_id null), with the reason in Vietnamese and the file
-- and row they came from. By ward and unit only, not the scope macro: an unmatched row has no person
-- behind it, so no field, gender or age band.
select
    e.ward,
    e.year,
    e.full_name,
    e.birth_date,
    e.birth_year,
    e.unit,
    e.match_method,
    case e.match_method
        when 'ambiguous' then 'Khớp với nhiều người trong danh sách'
        else 'Không tìm thấy trong danh sách cán bộ'
    end as reason,
    i.file_name,
    e.source_row
from evaluation_rows as e
join imports as i using (import_id)
where e.staff_id is null
  and (len($wards::varchar[]) = 0 or list_contains($wards::varchar[], e.ward))
  and (len($units::varchar[]) = 0 or list_contains($units::varchar[], e.unit))
order by e.year desc, i.file_name, e.source_row
