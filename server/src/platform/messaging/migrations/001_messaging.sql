-- 消息 (P6.2, P11.2): the Workbench's conversations among civil servants, 浙政钉-like.
-- 单聊 between two people (one conversation per pair), 群聊 with a title, optionally about a
-- case, task or instruction (one group per subject).
create extension if not exists pg_trgm;

create table msg_conversations (
  id text primary key,
  kind text not null check (kind in ('direct', 'group')),
  title text,
  -- the pair of a 单聊, the two account ids in order: at most one conversation per pair
  direct_key text unique,
  subject_type text check (subject_type in ('case', 'task', 'instruction')),
  subject_id text,
  created_by text not null,
  created_at timestamptz not null default now(),
  -- the seq of the newest message; the next message takes last_seq + 1 (the row lock orders senders)
  last_seq integer not null default 0,
  last_activity_at timestamptz not null default now(),
  check ((kind = 'direct') = (direct_key is not null)),
  check ((kind = 'group') = (title is not null)),
  check ((subject_type is null) = (subject_id is null)),
  check (kind = 'group' or subject_type is null)
);
create unique index msg_conversations_subject on msg_conversations (subject_type, subject_id) where subject_type is not null;

create table msg_members (
  conversation_id text not null references msg_conversations (id),
  account_id text not null,
  role text not null check (role in ('owner', 'member')),
  joined_at timestamptz not null default now(),
  -- messages up to this seq were there before the member joined: no 已读/未读 is asked of them
  joined_seq integer not null default 0,
  last_read_seq integer not null default 0,
  primary key (conversation_id, account_id)
);
create index msg_members_account on msg_members (account_id);

create table msg_files (
  id text primary key,
  conversation_id text not null references msg_conversations (id),
  name text not null,
  mime_type text not null,
  size integer not null check (size > 0),
  sm3 text not null,
  content bytea not null,
  uploaded_by text not null,
  uploaded_at timestamptz not null default now()
);

create table msg_messages (
  id text primary key,
  conversation_id text not null references msg_conversations (id),
  seq integer not null,
  sender_id text not null,
  kind text not null check (kind in ('text', 'file')),
  text text,
  file_id text references msg_files (id),
  urgent boolean not null default false,
  created_at timestamptz not null default now(),
  unique (conversation_id, seq),
  check ((kind = 'text') = (text is not null)),
  check ((kind = 'file') = (file_id is not null))
);
-- 搜索: trigram index over the text (Chinese too), read through a member's conversations only
create index msg_messages_text on msg_messages using gin (text gin_trgm_ops);
create index msg_messages_created on msg_messages (created_at desc, id desc);

-- 紧急消息 (DING): one row per recipient until acknowledged; re-sent while unacknowledged
create table msg_urgent_receipts (
  message_id text not null references msg_messages (id),
  account_id text not null,
  acknowledged_at timestamptz,
  resends integer not null default 0,
  next_resend_at timestamptz,
  primary key (message_id, account_id)
);
create index msg_urgent_receipts_due on msg_urgent_receipts (next_resend_at) where acknowledged_at is null and next_resend_at is not null;
