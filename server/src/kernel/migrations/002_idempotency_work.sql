-- Set inside the transaction that commits a claimed request's work: after a crash a retry tells
-- "nothing was done" (the claim is freed) from "done, the answer was lost" (nothing is repeated).
alter table idempotency_keys add column work_committed boolean not null default false;
