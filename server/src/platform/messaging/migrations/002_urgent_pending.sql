-- 待确认的紧急消息: the Workbench home lists a person's unacknowledged DING, so look them up by recipient.
create index msg_urgent_receipts_pending on msg_urgent_receipts (account_id) where acknowledged_at is null;
