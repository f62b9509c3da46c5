-- The people whose score of $year falls in $band ('Chưa cập nhật': no score), in name order.
select * exclude (name_sort)
from ({{query:evaluation_scores}}) as scores
where band = $band::varchar
order by name_sort, unit
