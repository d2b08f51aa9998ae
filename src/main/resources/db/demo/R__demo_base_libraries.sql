-- Demo data of the embedded default only (flyway location db/demo; the prod profile leaves it out).
-- Repeatable, so it follows every versioned migration and reruns when edited.
-- Every ID number and credit code carries a valid check character; none belongs to a real person.
insert into person (id_number, name, hukou_region, identity_verified, public_servant, own_labour_income, ethnicity, address) values
    ('310101199001011234', '张三', '310101', true,  false, false, '汉族', '上海市黄浦区南京东路1号'),
    ('320102199203154514', '李四', '320102', true,  false, false, '汉族', '上海市浦东新区世纪大道100号'),
    ('340102199507073020', '王五', '340102', false, false, false, '回族', '上海市徐汇区漕溪北路8号'),
    ('310115198008085010', '赵六', '310115', true,  false, false, '汉族', '上海市浦东新区张江路88号')
on conflict do nothing;

insert into legal_person (uscc, name, representative_id, address) values
    ('91310115MA1H7K2X0N', '上海阿克米餐饮管理有限公司', '310115198008085010', '上海市浦东新区张江路88号')
on conflict do nothing;

insert into residence_registration (id_number, months, stable_residence, district, address) values
    ('320102199203154514', 8, false, '浦东新区', '上海市浦东新区世纪大道100号'),
    ('340102199507073020', 3, true, '徐汇区', '上海市徐汇区漕溪北路8号')
on conflict do nothing;
insert into social_insurance (id_number, months_last_12) values
    ('320102199203154514', 7),
    ('340102199507073020', 2)
on conflict do nothing;
insert into student_enrolment (id_number, enrolled) values
    ('320102199203154514', false)
on conflict do nothing;
insert into id_photo (id_number, on_file) values
    ('320102199203154514', false),
    ('310101199001011234', true)
on conflict do nothing;

-- the demo logins of the README (passwords demo-<name>) and whom they act as
insert into account (username, subject_kind, subject_id) values
    ('zhangsan', 'PERSON', '310101199001011234'),
    ('lisi', 'PERSON', '320102199203154514'),
    ('wangwu', 'PERSON', '340102199507073020'),
    ('acme', 'ORGANISATION', '91310115MA1H7K2X0N')
on conflict do nothing;
