-- The window officer (窗口人员): where an application is served, how it came in, and the in-person checks.

-- Shanghai's districts (行政区划代码, GB/T 2260): an officer serves one, an application is placed in one
create table district (
    code char(6) primary key,
    name text    not null unique
);
insert into district (code, name) values
    ('310101', '黄浦区'), ('310104', '徐汇区'), ('310105', '长宁区'), ('310106', '静安区'), ('310107', '普陀区'),
    ('310109', '虹口区'), ('310110', '杨浦区'), ('310112', '闵行区'), ('310113', '宝山区'), ('310114', '嘉定区'),
    ('310115', '浦东新区'), ('310116', '金山区'), ('310117', '松江区'), ('310118', '青浦区'), ('310120', '奉贤区'),
    ('310151', '崇明区')
on conflict do nothing;

-- channel: ONLINE (网上) or WINDOW (线下, submitted by an officer for a walk-in applicant, named in officer);
-- district: the district whose window serves its in-person steps (null: none could be told, every window's queue)
alter table application add column channel  text not null default 'ONLINE' check (channel in ('ONLINE', 'WINDOW'));
alter table application add column officer  text;
alter table application add column district char(6) references district (code);
create index application_waiting on application (created_at) where status = 'ACCEPTED';

-- Every in-person check (现场核验) an officer records; append-only. visit: the applicant's trip to the window it was
-- taken on; breaks_at_most_once: the trips it leaves the application needing exceed those its decision promised.
create table in_person_check (
    application_id      uuid        not null references application (id),
    seq                 integer     not null,
    step                text        not null,
    checked             text        not null,
    result              text        not null check (result in ('PASSED', 'FAILED')),
    officer             text        not null,
    at                  timestamptz not null,
    visit               integer     not null,
    breaks_at_most_once boolean     not null,
    primary key (application_id, seq)
);
