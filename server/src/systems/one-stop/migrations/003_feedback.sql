-- 好差评: one rating per finished case by its applicant; a poor one (1–2) opens a 差评整改
-- task in the handling organisation, tracked to closure.
create table case_ratings (
  case_id text primary key,
  applicant_id text not null,
  org_id text not null,
  region_code text not null,
  service_code text not null,
  score integer not null check (score between 1 and 5),
  reasons jsonb not null default '[]',
  comment text,
  rated_at timestamptz not null default now(),
  rectification_instance_id text,
  rectification_status text check (rectification_status in ('open', 'closed')),
  rectification_measures text,
  rectified_at timestamptz
);
create index case_ratings_org on case_ratings (org_id, rated_at desc);

-- 投诉与建议: taken in from anyone logged in, routed to the responsible organisation, answered
-- in a task there.
create table complaints (
  id text primary key,
  kind text not null check (kind in ('complaint', 'suggestion')),
  submitter_id text not null,
  org_id text not null,
  region_code text not null,
  service_code text,
  case_id text,
  text text not null,
  status text not null check (status in ('open', 'answered')),
  instance_id text not null,
  answer text,
  submitted_at timestamptz not null default now(),
  answered_at timestamptz
);
create index complaints_submitter on complaints (submitter_id, submitted_at desc);
create index complaints_org on complaints (org_id, status);
