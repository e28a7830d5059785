import { sql } from 'kysely';
import type { Executor } from '../../kernel/index.ts';
import type { ItemType, Level } from './items.schemas.ts';

export interface ItemsTables {
  model_nodes: {
    id: string;
    org_id: string;
    level: Level;
    parent_id: string | null;
    name: string;
    item_type: ItemType | null;
    collaborator_org_ids: string[];
    sort_order: number;
  };
  model_import_jobs: {
    id: string;
    org_id: string;
    status: 'validating' | 'invalid' | 'importing' | 'done' | 'failed';
    processed_rows: number;
    total_rows: number;
    errors: unknown;
    summary: unknown;
    created_by: string | null;
    finished_at: string | null;
  };
}

export type NodeRow = ItemsTables['model_nodes'];
export type JobRow = ItemsTables['model_import_jobs'];
const q = (db: Executor) => db as Executor<ItemsTables>;

export function nodesOf(db: Executor, orgId: string): Promise<NodeRow[]> {
  return q(db)
    .selectFrom('model_nodes')
    .select(['id', 'org_id', 'level', 'parent_id', 'name', 'item_type', 'collaborator_org_ids', 'sort_order'])
    .where('org_id', '=', orgId)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

export function findNode(db: Executor, id: string): Promise<NodeRow | undefined> {
  return q(db)
    .selectFrom('model_nodes')
    .select(['id', 'org_id', 'level', 'parent_id', 'name', 'item_type', 'collaborator_org_ids', 'sort_order'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function nextSortOrder(db: Executor, orgId: string, parentId: string | null): Promise<number> {
  const row = await q(db)
    .selectFrom('model_nodes')
    .select(sql<number>`coalesce(max(sort_order), -1) + 1`.as('next'))
    .where('org_id', '=', orgId)
    .where('parent_id', parentId === null ? 'is' : '=', parentId)
    .executeTakeFirst();
  return Number(row?.next ?? 0);
}

export async function insertNodes(tx: Executor, rows: NodeRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500).map((r) => ({ ...r, collaborator_org_ids: JSON.stringify(r.collaborator_org_ids) }));
    await q(tx)
      .insertInto('model_nodes')
      .values(batch as never)
      .execute();
  }
}

export async function updateNode(
  tx: Executor,
  id: string,
  changes: Partial<Pick<NodeRow, 'name' | 'item_type' | 'collaborator_org_ids'>>,
): Promise<void> {
  const set: Record<string, unknown> = { updated_at: sql`now()` };
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.item_type !== undefined) set.item_type = changes.item_type;
  if (changes.collaborator_org_ids !== undefined) set.collaborator_org_ids = JSON.stringify(changes.collaborator_org_ids);
  await q(tx)
    .updateTable('model_nodes')
    .set(set as never)
    .where('id', '=', id)
    .execute();
}

export async function siblingNamed(db: Executor, orgId: string, parentId: string | null, name: string): Promise<boolean> {
  const row = await q(db)
    .selectFrom('model_nodes')
    .select('id')
    .where('org_id', '=', orgId)
    .where('parent_id', parentId === null ? 'is' : '=', parentId)
    .where('name', '=', name)
    .executeTakeFirst();
  return Boolean(row);
}

export async function hasChildren(db: Executor, id: string): Promise<boolean> {
  return Boolean(await q(db).selectFrom('model_nodes').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst());
}

export async function deleteNode(tx: Executor, id: string): Promise<void> {
  await q(tx).deleteFrom('model_nodes').where('id', '=', id).execute();
}

/** Deletes nodes, leaves first (the parent references forbid otherwise). */
export async function deleteNodes(tx: Executor, nodes: NodeRow[]): Promise<void> {
  for (const level of ['item', 'unit', 'module', 'core'] as const) {
    const ids = nodes.filter((n) => n.level === level).map((n) => n.id);
    if (ids.length) await q(tx).deleteFrom('model_nodes').where('id', 'in', ids).execute();
  }
}

/** Items among `ids` that carry a deployed process or form, or a profile: not to be lost by an import. */
export async function definedItems(db: Executor, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await sql<{ item_id: string }>`select item_id from item_process_versions where item_id in (${sql.join(ids)})
    union select item_id from item_form_versions where item_id in (${sql.join(ids)})
    union select item_id from item_profiles where item_id in (${sql.join(ids)})`.execute(db);
  return rows.rows.map((r) => r.item_id);
}

export async function updatePlacement(
  tx: Executor,
  node: Pick<NodeRow, 'id' | 'item_type' | 'collaborator_org_ids' | 'sort_order'>,
): Promise<void> {
  await q(tx)
    .updateTable('model_nodes')
    .set({
      item_type: node.item_type,
      collaborator_org_ids: JSON.stringify(node.collaborator_org_ids),
      sort_order: node.sort_order,
      updated_at: sql`now()`,
    } as never)
    .where('id', '=', node.id)
    .execute();
}

export async function insertJob(db: Executor, job: Pick<JobRow, 'id' | 'org_id' | 'status' | 'total_rows' | 'created_by'>): Promise<void> {
  await q(db)
    .insertInto('model_import_jobs')
    .values(job as never)
    .execute();
}

export async function updateJob(db: Executor, id: string, changes: Partial<Omit<JobRow, 'id' | 'org_id'>>): Promise<void> {
  const set: Record<string, unknown> = { ...changes };
  if ('errors' in changes) set.errors = JSON.stringify(changes.errors);
  if ('summary' in changes) set.summary = JSON.stringify(changes.summary);
  await q(db)
    .updateTable('model_import_jobs')
    .set(set as never)
    .where('id', '=', id)
    .execute();
}

export function findJob(db: Executor, id: string): Promise<JobRow | undefined> {
  return q(db)
    .selectFrom('model_import_jobs')
    .select(['id', 'org_id', 'status', 'processed_rows', 'total_rows', 'errors', 'summary', 'created_by', 'finished_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Jobs a crash interrupted: their import transaction rolled back, so they failed. */
export async function failInterruptedJobs(db: Executor): Promise<void> {
  await q(db)
    .updateTable('model_import_jobs')
    .set({ status: 'failed', finished_at: sql`now()` } as never)
    .where('status', 'in', ['validating', 'importing'])
    .execute();
}

/** What each item has of a complete definition: a process, a form, and its data needs (matched by the caller). */
export async function itemStatuses(db: Executor, itemIds: string[]) {
  const statuses = new Map<string, { process: boolean; form: boolean; needs: DataNeed[] }>();
  if (itemIds.length === 0) return statuses;
  const rows = (
    await sql<{ id: string; process: boolean; form: boolean; needs: DataNeed[] | null }>`select n.id,
        exists (select 1 from item_process_versions v where v.item_id = n.id) as process,
        exists (select 1 from item_form_versions f where f.item_id = n.id) as form,
        (select p.data_needs from item_profiles p where p.item_id = n.id) as needs
      from model_nodes n where n.id in (${sql.join(itemIds)})`.execute(db)
  ).rows;
  for (const row of rows) statuses.set(row.id, { process: row.process, form: row.form, needs: row.needs ?? [] });
  return statuses;
}

export interface DataNeed {
  resource: string;
  field: string;
  purpose?: string;
}
