create extension if not exists pg_trgm;
-- 通讯录 across levels: an e-mail address for notifications, the name in pinyin for search
-- ("zhangwei zw"), and whether a person is a public contact (对外联系人) whom staff of other
-- regions may see.
alter table accounts add column email text;
alter table accounts add column name_pinyin text;
alter table accounts add column public_contact boolean not null default false;
create index accounts_name_pinyin on accounts using gin (name_pinyin gin_trgm_ops);
create index accounts_display_name_trgm on accounts using gin (display_name gin_trgm_ops);
