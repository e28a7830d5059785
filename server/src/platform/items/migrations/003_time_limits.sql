-- 承诺时限: the working days an item promises, for the workflow's deadline clock.
alter table item_profiles add column time_limit_days integer check (time_limit_days between 1 and 365);
