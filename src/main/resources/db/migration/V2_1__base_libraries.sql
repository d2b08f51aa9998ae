-- Base libraries shared across departments (基础库). Production loads them from the city's data-sharing
-- exchange; the embedded default fills them with demo data (db/demo).

-- 人口库: natural persons, keyed by resident ID number
create table person (
    id_number         char(18) primary key,
    name              text     not null,
    hukou_region      char(6)  not null,
    identity_verified boolean  not null default false,  -- 实名认证 by the unified identity service
    public_servant    boolean  not null default false,
    own_labour_income boolean  not null default false,
    ethnicity         text,                             -- held, never shared (negative list)
    address           text
);

-- 法人库: legal persons, keyed by unified social credit code
create table legal_person (
    uscc              char(18) primary key,
    name              text     not null,
    representative_id char(18) not null,
    address           text
);

-- Records of other departments, one table per source
create table residence_registration (  -- 居住登记 (公安)
    id_number        char(18) primary key,
    months           integer  not null check (months >= 0),
    stable_residence boolean  not null default false,
    district         text     not null,
    address          text     not null
);
create table social_insurance (        -- 社会保险 (人社)
    id_number        char(18) primary key,
    months_last_12   integer  not null check (months_last_12 between 0 and 12)
);
create table student_enrolment (       -- 学籍 (教育)
    id_number        char(18) primary key,
    enrolled         boolean  not null
);
create table id_photo (                -- 证件照 (公安)
    id_number        char(18) primary key,
    on_file          boolean  not null
);

-- Who a login is: an account names the person or organisation it acts as
create table account (
    username     text     primary key,
    subject_kind text     not null check (subject_kind in ('PERSON', 'ORGANISATION')),
    subject_id   char(18) not null
);

-- Every read of the base libraries: who, for which item, which fields, when (data-sharing accountability)
create table data_access_log (
    id         bigserial   primary key,
    at         timestamptz not null,
    actor      text        not null,
    subject_id char(18)    not null,
    item       text        not null,
    fields     text[]      not null
);
