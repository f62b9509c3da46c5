-- People in scope counted by one dimension (category) and, for a breakdown, by another (group,
-- '' without one): both placeholders are SQL expressions from the allow-list DIMENSIONS.
select
    {{category}} as category,
    {{group}} as "group",
    count(*) as people
from staff
where {{scope}}
group by all
