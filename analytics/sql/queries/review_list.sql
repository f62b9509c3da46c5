-- 'Cần xem xét' in scope: one row per person and reason (view review_list).
select *
from review_list
where {{scope}}
order by reason_code, unit
