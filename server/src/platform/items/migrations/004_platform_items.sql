-- Items the platform itself runs in an organisation's V-model (数据共享申请审批, 数据质量整改 …),
-- one per organisation and purpose, made on first use.
create table model_platform_items (
  org_id text not null,
  purpose text not null,
  item_id text not null,
  primary key (org_id, purpose)
);
