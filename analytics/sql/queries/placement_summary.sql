-- Headline counts of the standards check on each ward's latest roster, in scope.
-- below_standard counts "chưa đạt" or "thiếu"; no_data is kept apart (DOMAIN.md §4).
select
    max(as_of) as as_of,
    count(distinct staff_id) as checked,
    count(distinct staff_id) filter (where result in ('chưa đạt', 'thiếu')) as below_standard,
    count(distinct staff_id) filter (
        where result in ('chưa đạt', 'thiếu') and sensitive
    ) as below_standard_sensitive,
    count(distinct staff_id) filter (where result = 'chưa có dữ liệu') as no_data,
    count(*) filter (where result <> 'đạt') as gaps,
    -- the people behind ``gaps``: a count of gaps is hidden with them (analytics/privacy.py)
    count(distinct staff_id) filter (where result <> 'đạt') as people_with_gaps
from placement_checks
where snapshot_rank = 1 and {{scope}}
