-- 数据回流: the field of a province (or city) resource that says which region a record came
-- from (a GB/T 2260 code such as 330106), so the region's own organisations can read it back.
alter table data_resources add column region_field text;
