-- The approval items are now kept with the other platform items (items module).
insert into model_platform_items (org_id, purpose, item_id)
  select org_id, 'sharing.approval', item_id from share_approval_items on conflict do nothing;
drop table share_approval_items;
