-- The facts the marts (analytics/sql/marts/) used to carry as literals: the official age bands
-- and their cut-offs, the grade that discipline gives, the review triggers with their reason
-- sentences and legal sources. Editable rows like ``settings``, each naming its source; the SQL
-- reads them and repeats none of them.

-- The age bands of the official reports. A band holds the ages from its ``from_age`` up to the
-- next band's (``from_age`` null: every age below the next band); the band past the retirement
-- age (``past_retirement``) takes its age from ``settings`` (retirement_age_male / _female) and
-- comes before the others. The names are analytics.categories.AGE_BANDS, in the same order.
create table age_bands (
    band varchar primary key,
    sort_order integer not null,
    from_age integer,
    past_retirement boolean not null,
    legal_source varchar not null
);

insert into age_bands values
    ('Dưới 30', 1, null, false, 'TT 11/2012/TT-BNV, biểu BM02/BNV (độ tuổi)'),
    ('30–40', 2, 30, false, 'TT 11/2012/TT-BNV, biểu BM02/BNV (độ tuổi)'),
    ('41–50', 3, 41, false, 'TT 11/2012/TT-BNV, biểu BM02/BNV (độ tuổi)'),
    ('51–60', 4, 51, false, 'TT 11/2012/TT-BNV, biểu BM02/BNV (độ tuổi)'),
    ('Trên tuổi nghỉ hưu', 5, null, true, 'BLLĐ 2019, NĐ 135/2020/NĐ-CP (tuổi nghỉ hưu trong settings; chưa kiểm chứng)');

-- Grades that follow from a rule rather than from a score.
-- disciplined: a year with discipline (khiển trách or above) in any period is KHTNV.
create table grade_rules (
    rule varchar primary key,
    grade varchar not null,
    label varchar not null,
    legal_source varchar not null
);

insert into grade_rules values
    ('disciplined', 'KHTNV', 'Xếp loại của năm có kỷ luật (khiển trách trở lên) trong kỳ nào', 'NĐ 335/2025/NĐ-CP');

-- What puts a person on the review list ("cần xem xét", DOMAIN.md §5): a grade within the last
-- ``review_khtnv_years`` years (settings), or a gap ("chưa đạt") on a standards criterion.
-- reason_template: {year} is the year of the grade, {reason} the placement check's reason.
create table review_triggers (
    reason_code varchar primary key,  -- khtnv | education | major
    grade varchar,                    -- the grade that triggers (khtnv)
    criterion varchar,                -- the standards criterion whose gap triggers
    reason_template varchar not null,
    legal_source varchar not null
);

insert into review_triggers values
    ('khtnv', 'KHTNV', null, 'Xếp loại Không hoàn thành nhiệm vụ năm {year}.', 'NĐ 154/2025/NĐ-CP'),
    ('education', null, 'education_level', 'Trình độ đào tạo thấp hơn tiêu chuẩn của vị trí: {reason}', 'NĐ 154/2025/NĐ-CP (kế thừa NĐ 29/2023; chưa kiểm chứng)'),
    ('major', null, 'major', 'Chuyên ngành đào tạo không phù hợp với vị trí: {reason}', 'NĐ 154/2025/NĐ-CP (kế thừa NĐ 29/2023; chưa kiểm chứng)');
