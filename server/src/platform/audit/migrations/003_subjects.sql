-- "Who used my data": entries that read a person's or an enterprise's records carry their
-- subject indexes (details.subjects); this finds them without scanning the chain.
create index audit_log_subjects on audit_log using gin ((details -> 'subjects'));
