-- Scores of a year counted in bins of $width points (people without a score are in no bin).
select bin_start, bin_start + $width::double as bin_end, band, count(*) as people
from ({{query:evaluation_scores}}) as scores
where score is not null
group by bin_start, band
order by bin_start, band
