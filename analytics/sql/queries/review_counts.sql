-- People on the review list in scope per reason (a person with two reasons counts under each).
select
    reason_code,
    count(distinct staff_id) as people
from review_list
where {{scope}} and not excluded  -- set aside for now: review_excluded.sql
group by reason_code
