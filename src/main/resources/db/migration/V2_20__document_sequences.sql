-- One sequence table for every document type's numbers, keyed by the sequence a template.yaml names (its type's
-- own by default): a new type needs no migration. Each old sequence carries on where it stopped.
create table document_sequence (
    name       text   primary key,
    last_value bigint not null
);
insert into document_sequence (name, last_value)
    select 'business-licence', case when is_called then last_value else 0 end from business_licence_number_seq
    union all
    select 'food-business-licence', case when is_called then last_value else 0 end from food_licence_number_seq
    union all
    select 'residence-permit', case when is_called then last_value else 0 end from residence_permit_number_seq;
drop sequence business_licence_number_seq;
drop sequence food_licence_number_seq;
drop sequence residence_permit_number_seq;
