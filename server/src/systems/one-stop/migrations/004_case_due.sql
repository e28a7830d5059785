-- 承诺时限 of each case as its process set it at submission: on-time rates read it.
alter table service_cases add column due_at timestamptz;
