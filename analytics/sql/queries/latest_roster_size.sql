-- People of the latest roster in scope (view staff).
select count(*) as people
from staff
where {{scope}}
