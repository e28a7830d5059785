-- S2.2 一件事: a bundle of services applied for with one merged form; each part becomes a
-- case of its own department.
create table service_bundles (
  code text primary key,
  name text not null,
  audience text not null check (audience in ('citizen', 'enterprise')),
  theme text not null,
  description text not null,
  -- service codes, in the order the applicant reads them
  parts jsonb not null,
  keywords jsonb not null default '[]',
  status text not null default 'active' check (status in ('active', 'retired')),
  updated_at timestamptz not null default now()
);

-- 办件: one application to one department, its process running in the workflow engine. The
-- status mirrors the process (service tasks update it in the step that changed it).
create sequence service_case_numbers;
create table service_cases (
  id text primary key,
  -- 办件编号: region, date, sequence — printed on every receipt and certificate
  case_no text not null unique,
  service_code text not null,
  service_name text not null,
  org_id text not null,
  region_code text not null,
  applicant_id text not null,
  applicant_name text not null,
  applicant_kind text not null check (applicant_kind in ('citizen', 'enterprise')),
  bundle_application_id text,
  status text not null check (status in ('submitted', 'handling', 'completed', 'refused', 'withdrawn')),
  form jsonb not null,
  -- what shared data filled in, and from which department (shown to the applicant and the staff)
  prefilled jsonb not null default '[]',
  consent_at timestamptz not null,
  instance_id text not null,
  promised_days integer not null,
  refused_stage text,
  refused_reason text,
  certificate_ids jsonb not null default '[]',
  -- a refused case applied for again (重新申报): the new case that takes its place
  superseded_by text,
  submitted_at timestamptz not null default now(),
  accepted_at timestamptz,
  finished_at timestamptz,
  updated_at timestamptz not null default now()
);
create index service_cases_applicant on service_cases (applicant_id, submitted_at desc);
create index service_cases_org on service_cases (org_id, status, submitted_at desc);
create index service_cases_bundle on service_cases (bundle_application_id) where bundle_application_id is not null;
create unique index service_cases_instance on service_cases (instance_id);

create table bundle_applications (
  id text primary key,
  case_no text not null unique,
  bundle_code text not null,
  bundle_name text not null,
  applicant_id text not null,
  form jsonb not null,
  submitted_at timestamptz not null default now()
);
create index bundle_applications_applicant on bundle_applications (applicant_id, submitted_at desc);
