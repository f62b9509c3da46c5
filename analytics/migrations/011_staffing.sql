-- Staffing against the norm and the quota (issue 11; plan tasks 3, 4a). Three editable tables,
-- each row naming its source: the norm's rule per kind of commune-level unit, each ward's
-- profile (kind, residents, mountain area) and the quota (biên chế được giao) decided for a ward
-- or one of its units. A ward without a profile or a quota is shown "chưa có số liệu", never 0.

-- The norm (CV 09/CV-BCĐ, 2025): ``base`` people, plus one per ``per_residents_mountain``
-- residents above ``base_residents`` in mountain areas (``per_residents`` elsewhere), at most
-- ``cap`` (null: no cap stated). Whole steps only: 17,999 residents outside the mountains are
-- 1,999 above 16,000, no full 2,000 step, so the base alone.
create table staffing_norm_rules (
    kind varchar primary key,           -- phường | xã | đặc khu
    base integer not null,
    base_residents integer not null,
    per_residents integer not null,
    per_residents_mountain integer not null,
    cap integer,
    legal_source varchar not null
);

insert into staffing_norm_rules values
    ('phường', 32, 16000, 2000, 1000, 70, 'CV 09/CV-BCĐ (2025) của Ban Chỉ đạo sắp xếp đơn vị hành chính (chưa kiểm chứng)'),
    ('xã', 32, 16000, 2000, 1000, 50, 'CV 09/CV-BCĐ (2025) của Ban Chỉ đạo sắp xếp đơn vị hành chính (chưa kiểm chứng)'),
    ('đặc khu', 32, 16000, 2000, 1000, null, 'CV 09/CV-BCĐ (2025) của Ban Chỉ đạo sắp xếp đơn vị hành chính (mức trần của đặc khu chưa nêu; chưa kiểm chứng)');

-- A ward's kind, residents and whether it is a mountain area: what the norm reads.
-- residents null: not known yet (the norm is then "chưa có số liệu").
create table ward_profiles (
    ward varchar primary key,           -- as the rosters spell it: 'Phường Việt Hòa'
    kind varchar not null,              -- a kind of staffing_norm_rules
    residents integer,
    mountain boolean not null default false,
    legal_source varchar not null       -- where the figures come from (a decision, a census)
);

-- The quota (biên chế được giao) of a ward (unit null) or of one unit, from ``valid_from``; the
-- latest decision in force counts.
create table staffing_quotas (
    ward varchar not null,
    unit varchar,                       -- null: the whole ward
    quota integer not null,
    decided_by varchar not null,        -- the decision: 'QĐ 123/QĐ-UBND ngày 01/7/2025'
    valid_from date not null,
    legal_source varchar not null
);
