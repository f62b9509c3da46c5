-- How many people the review list ("Cần xem xét") names in scope: the rows of review_by_person.
select count(distinct staff_id) as people
from review_list
where {{scope}} and not excluded  -- set aside for now: review_excluded.sql
