-- Rotation of sensitive posts and the exclusions of a streamlining review (issue 11, tasks 3, 4).
--
-- Three roster columns, read by the roster import when a file has them (every one optional):
--   post_since   "Giữ vị trí từ", "Ngày bổ nhiệm"…: the date the person took their current post
--                (a year only: 1 January of it, post_since_estimated = true);
--   status       "Tình trạng", "Trạng thái": what the office writes about the person's situation
--                ("Đang nghỉ thai sản", "Mang thai", "Đang bị xem xét kỷ luật"…);
--   child_birth  "Ngày sinh con nhỏ nhất": the youngest child's birth date, so a child under 36
--                months is counted to the day, not read from a note.
alter table roster_rows add column post_since date;
alter table roster_rows add column post_since_estimated boolean;
alter table roster_rows add column status varchar;
alter table roster_rows add column child_birth date;

-- How long a person may hold a post of a sensitive field before it falls due for rotation
-- (Luật PCTN 2018, Điều 24–26; NĐ 59/2019/NĐ-CP, Điều 36–37: "từ đủ 02 năm đến 05 năm theo đặc
-- thù của từng ngành, lĩnh vực"). The period of each field is set by the ministries: 3 years
-- here until the HR officer enters the ward's own (editable; the check keeps it within 2–5).
-- ``notice_months``: how early a person is listed as "sắp đến hạn".
create table rotation_periods (
    field varchar primary key,
    period_years integer not null check (period_years between 2 and 5),
    notice_months integer not null default 6 check (notice_months between 0 and 24),
    legal_source varchar not null
);

insert into rotation_periods
select field, 3, 6,
    'Luật PCTN 2018, Điều 25; NĐ 59/2019/NĐ-CP, Điều 37 (02–05 năm; 3 năm là mức mặc định, chưa kiểm chứng theo quy định của ngành)'
from fields
where sensitive;

-- Who is set aside, while the situation lasts, from a streamlining review (NĐ 154/2025/NĐ-CP)
-- and from a rotation (NĐ 59/2019/NĐ-CP): what the roster's "Tình trạng" or "Ghi chú" says, as
-- folded phrases (name_key: no accents, lower case) separated by ';'. A child under 36 months is
-- also read from "Ngày sinh con nhỏ nhất". ``sort_order``: the first match names the reason.
create table review_exclusions (
    exclusion_code varchar primary key,
    sort_order integer not null,
    keywords varchar not null,
    reason varchar not null,
    legal_source varchar not null
);

insert into review_exclusions values
    ('maternity', 1, 'thai san; nghi sinh', 'Đang nghỉ thai sản',
        'NĐ 154/2025/NĐ-CP (trường hợp chưa xem xét tinh giản; chưa kiểm chứng điều khoản); NĐ 59/2019/NĐ-CP, Điều 37'),
    ('pregnancy', 2, 'mang thai; co thai', 'Đang mang thai',
        'NĐ 154/2025/NĐ-CP (trường hợp chưa xem xét tinh giản; chưa kiểm chứng điều khoản); NĐ 59/2019/NĐ-CP, Điều 37'),
    ('child', 3, 'nuoi con duoi 36 thang; con duoi 36 thang; con nho duoi 36 thang', 'Đang nuôi con dưới 36 tháng tuổi',
        'NĐ 154/2025/NĐ-CP (trường hợp chưa xem xét tinh giản; chưa kiểm chứng điều khoản); NĐ 59/2019/NĐ-CP, Điều 37'),
    ('under_review', 4, 'xem xet ky luat; xem xet xu ly ky luat; dang bi ky luat; thi hanh ky luat; dang bi dieu tra; bi khoi to; bi truy to; dang bi xet xu',
        'Đang bị xem xét, xử lý kỷ luật hoặc điều tra',
        'NĐ 154/2025/NĐ-CP (trường hợp chưa xem xét tinh giản; chưa kiểm chứng điều khoản); NĐ 59/2019/NĐ-CP, Điều 37');

-- A child under 36 months: the months, editable; rotation is not proposed for someone who
-- retires within ``rotation_retirement_months`` (NĐ 59/2019/NĐ-CP, chưa kiểm chứng).
insert into settings values
    ('exclusion_child_months', 36, 'Con dưới bao nhiêu tháng tuổi thì tạm chưa xem xét', 'NĐ 154/2025/NĐ-CP; NĐ 59/2019/NĐ-CP (chưa kiểm chứng)'),
    ('rotation_retirement_months', 18, 'Còn dưới bao nhiêu tháng đến tuổi nghỉ hưu thì không đề xuất chuyển đổi', 'NĐ 59/2019/NĐ-CP, Điều 37 (chưa kiểm chứng)');

-- The NĐ 154/2025 cases the review list covers, in the decree's words (paraphrased; the list
-- shows them beside each reason): a column on the triggers.
alter table review_triggers add column case_text varchar;
update review_triggers set case_text = 'Có ít nhất một năm xếp loại chất lượng ở mức không hoàn thành nhiệm vụ trong năm trước liền kề hoặc năm xem xét tinh giản.'
where reason_code = 'khtnv';
update review_triggers set case_text = 'Có trình độ đào tạo chưa đáp ứng tiêu chuẩn của vị trí việc làm đang đảm nhiệm nhưng không có vị trí việc làm khác phù hợp để bố trí, không thể bố trí đào tạo lại.'
where reason_code = 'education';
update review_triggers set case_text = 'Có chuyên ngành đào tạo không phù hợp với vị trí việc làm đang đảm nhiệm nhưng không có vị trí việc làm khác phù hợp để bố trí (kế thừa NĐ 29/2023; chưa kiểm chứng).'
where reason_code = 'major';
