import {
  ConflictError,
  NotFoundError,
  requirePermission,
  ValidationError,
  newId,
  translate,
  type Actor,
  type Database,
  type Locale,
} from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { IdentityStore } from '../identity/index.ts';
import { readSheet, writeTree, type ExportNode, type RowError, type SheetRow } from './model-excel.ts';
import * as repo from './items.repository.ts';
import { levels, type CreateNodeInput, type Level, type UpdateNodeInput } from './items.schemas.ts';

export interface ModelNode {
  id: string;
  level: Level;
  name: string;
  parentId: string | null;
  itemType: 'governance' | 'service' | null;
  collaboratorOrgs: { id: string; name: string }[];
  sortOrder: number;
  children: ModelNode[];
  rollup: { items: number; governance: number; service: number; complete: number };
  /** items only: what makes it complete — a deployed process, a form, every data need matched */
  itemStatus: { process: boolean; form: boolean; dataNeedsMatched: boolean } | null;
}

export type NeedMatcher = (itemId: string, needs: { resource: string; field: string }[]) => Promise<boolean[]>;

const childLevel: Record<Level, Level | null> = { core: 'module', module: 'unit', unit: 'item', item: null };

/** 业务协同模型: each organisation's tree of core businesses, modules, units and items. */
export class ModelService {
  private readonly db: Database;
  private readonly audit: AuditLog;
  private readonly identity: IdentityStore;

  constructor(db: Database, audit: AuditLog, identity: IdentityStore) {
    this.db = db;
    this.audit = audit;
    this.identity = identity;
  }

  /** The organisation, after checking the actor may do `permission` there. */
  private async orgFor(actor: Actor, orgId: string, permission: 'model.read' | 'model.manage') {
    const org = await this.identity.findOrg(orgId);
    if (!org) throw new NotFoundError('identity.org_not_found', { orgId });
    requirePermission(actor, permission, { orgId: org.id, regionCode: org.regionCode });
    return org;
  }

  private async nodeFor(actor: Actor, nodeId: string) {
    const node = await repo.findNode(this.db.kysely, nodeId);
    if (!node) throw new NotFoundError('items.node_not_found', { nodeId });
    const org = await this.orgFor(actor, node.org_id, 'model.manage');
    return { node, org };
  }

  /** Whether each data need of an item is matched by a grant: wired to the sharing module (P3.1); none match before. */
  matchNeeds: NeedMatcher = async (_itemId, needs) => needs.map(() => false);

  /** An item (业务事项) and the organisation it belongs to, for modules that refer to items. */
  async findItem(itemId: string): Promise<{ id: string; orgId: string; name: string } | undefined> {
    const node = await repo.findNode(this.db.kysely, itemId);
    return node && node.level === 'item' ? { id: node.id, orgId: node.org_id, name: node.name } : undefined;
  }

  async tree(actor: Actor, orgId: string) {
    const org = await this.orgFor(actor, orgId, 'model.read');
    const rows = await repo.nodesOf(this.db.kysely, org.id);
    return { orgId: org.id, orgName: org.name, nodes: await this.nest(rows) };
  }

  private async nest(rows: repo.NodeRow[]): Promise<ModelNode[]> {
    const names = new Map(
      (await this.identity.orgsByIds([...new Set(rows.flatMap((r) => r.collaborator_org_ids))])).map((o) => [o.id, o.name]),
    );
    const statuses = await repo.itemStatuses(
      this.db.kysely,
      rows.filter((r) => r.level === 'item').map((r) => r.id),
    );
    const matched = new Map<string, boolean>();
    for (const [itemId, status] of statuses)
      matched.set(itemId, status.needs.length === 0 || (await this.matchNeeds(itemId, status.needs)).every(Boolean));
    const byId = new Map<string, ModelNode>();
    for (const r of rows) {
      byId.set(r.id, {
        id: r.id,
        level: r.level,
        name: r.name,
        parentId: r.parent_id,
        itemType: r.item_type,
        collaboratorOrgs: r.collaborator_org_ids.map((id) => ({ id, name: names.get(id) ?? id })),
        sortOrder: r.sort_order,
        children: [],
        rollup: { items: 0, governance: 0, service: 0, complete: 0 },
        itemStatus:
          r.level === 'item'
            ? {
                process: statuses.get(r.id)?.process ?? false,
                form: statuses.get(r.id)?.form ?? false,
                dataNeedsMatched: matched.get(r.id) ?? true,
              }
            : null,
      });
    }
    const roots: ModelNode[] = [];
    for (const node of byId.values()) (node.parentId ? byId.get(node.parentId)?.children : roots)?.push(node);
    const roll = (node: ModelNode): ModelNode['rollup'] => {
      if (node.level === 'item') {
        const status = node.itemStatus!;
        node.rollup = {
          items: 1,
          governance: node.itemType === 'governance' ? 1 : 0,
          service: node.itemType === 'service' ? 1 : 0,
          complete: status.process && status.form && status.dataNeedsMatched ? 1 : 0,
        };
      } else
        node.rollup = node.children.map(roll).reduce(
          (a, b) => ({
            items: a.items + b.items,
            governance: a.governance + b.governance,
            service: a.service + b.service,
            complete: a.complete + b.complete,
          }),
          { items: 0, governance: 0, service: 0, complete: 0 },
        );
      return node.rollup;
    };
    roots.forEach(roll);
    return roots;
  }

  private async checkCollaborators(ids: string[]): Promise<void> {
    const found = await this.identity.orgsByIds(ids);
    const missing = ids.filter((id) => !found.some((o) => o.id === id));
    if (missing.length) throw new ValidationError('items.collaborator_not_found', { orgIds: missing });
  }

  async createNode(actor: Actor, input: CreateNodeInput): Promise<ModelNode> {
    const org = await this.orgFor(actor, input.orgId, 'model.manage');
    if (input.parentId === null) {
      if (input.level !== 'core') throw new ValidationError('items.level_mismatch', { expected: 'core' });
    } else {
      const parent = await repo.findNode(this.db.kysely, input.parentId);
      if (!parent || parent.org_id !== org.id) throw new ValidationError('items.parent_not_found', { parentId: input.parentId });
      if (childLevel[parent.level] !== input.level)
        throw new ValidationError('items.level_mismatch', { expected: childLevel[parent.level] ?? '—' });
    }
    if (input.level === 'item' && !input.itemType) throw new ValidationError('items.item_type_required');
    if (input.level !== 'item' && (input.itemType || input.collaboratorOrgIds.length))
      throw new ValidationError('items.only_items_have_type');
    await this.checkCollaborators(input.collaboratorOrgIds);
    const id = newId('node');
    await this.db.kysely.transaction().execute(async (tx) => {
      if (await repo.siblingNamed(tx, org.id, input.parentId, input.name))
        throw new ConflictError('items.duplicate_name', { name: input.name });
      await repo.insertNodes(tx, [
        {
          id,
          org_id: org.id,
          level: input.level,
          parent_id: input.parentId,
          name: input.name,
          item_type: input.level === 'item' ? (input.itemType ?? null) : null,
          collaborator_org_ids: input.collaboratorOrgIds,
          sort_order: await repo.nextSortOrder(tx, org.id, input.parentId),
        },
      ]);
      await this.audit.record(
        {
          actor,
          action: 'model.node.create',
          targetType: 'model_node',
          targetId: id,
          orgId: org.id,
          regionCode: org.regionCode,
          details: { level: input.level, name: input.name },
        },
        tx,
      );
    });
    return this.nodeView(actor, id);
  }

  private async nodeView(actor: Actor, id: string): Promise<ModelNode> {
    const node = await repo.findNode(this.db.kysely, id);
    const tree = await this.tree(actor, node!.org_id);
    const find = (nodes: ModelNode[]): ModelNode | undefined => {
      for (const n of nodes) {
        if (n.id === id) return n;
        const inner = find(n.children);
        if (inner) return inner;
      }
      return undefined;
    };
    return find(tree.nodes)!;
  }

  async updateNode(actor: Actor, nodeId: string, input: UpdateNodeInput): Promise<ModelNode> {
    const { node, org } = await this.nodeFor(actor, nodeId);
    if (node.level !== 'item' && (input.itemType || input.collaboratorOrgIds)) throw new ValidationError('items.only_items_have_type');
    if (input.collaboratorOrgIds) await this.checkCollaborators(input.collaboratorOrgIds);
    await this.db.kysely.transaction().execute(async (tx) => {
      if (input.name && input.name !== node.name) {
        if (await repo.siblingNamed(tx, org.id, node.parent_id, input.name))
          throw new ConflictError('items.duplicate_name', { name: input.name });
      }
      await repo.updateNode(tx, node.id, { name: input.name, item_type: input.itemType, collaborator_org_ids: input.collaboratorOrgIds });
      await this.audit.record(
        {
          actor,
          action: 'model.node.update',
          targetType: 'model_node',
          targetId: node.id,
          orgId: org.id,
          regionCode: org.regionCode,
          details: { ...input },
        },
        tx,
      );
    });
    return this.nodeView(actor, node.id);
  }

  async deleteNode(actor: Actor, nodeId: string): Promise<void> {
    const { node, org } = await this.nodeFor(actor, nodeId);
    await this.db.kysely.transaction().execute(async (tx) => {
      if (await repo.hasChildren(tx, node.id)) throw new ConflictError('items.node_has_children', { nodeId });
      await repo.deleteNode(tx, node.id);
      await this.audit.record(
        {
          actor,
          action: 'model.node.delete',
          targetType: 'model_node',
          targetId: node.id,
          orgId: org.id,
          regionCode: org.regionCode,
          details: { name: node.name },
        },
        tx,
      );
    });
  }

  async exportTree(actor: Actor, orgId: string): Promise<{ file: Buffer; fileName: string }> {
    const tree = await this.tree(actor, orgId);
    const toExport = (n: ModelNode): ExportNode => ({
      level: n.level,
      name: n.name,
      itemType: n.itemType,
      collaboratorNames: n.collaboratorOrgs.map((o) => o.name),
      children: n.children.map(toExport),
    });
    return { file: await writeTree(tree.orgName, tree.nodes.map(toExport)), fileName: `${tree.orgName}-业务模型.xlsx` };
  }

  /**
   * Starts an import that replaces the organisation's tree. Validation runs first over
   * every row; only a clean file is imported, in one transaction.
   */
  async startImport(actor: Actor, orgId: string, file: Buffer): Promise<{ jobId: string }> {
    const org = await this.orgFor(actor, orgId, 'model.manage');
    const jobId = newId('imp');
    await repo.insertJob(this.db.kysely, { id: jobId, org_id: org.id, status: 'validating', total_rows: 0, created_by: actor.accountId });
    await this.audit.record({
      actor,
      action: 'model.import.start',
      targetType: 'model_import',
      targetId: jobId,
      orgId: org.id,
      regionCode: org.regionCode,
      details: { bytes: file.length },
    });
    setImmediate(() => void this.runImport(actor, org, jobId, file));
    return { jobId };
  }

  private async runImport(actor: Actor, org: { id: string; regionCode: string }, jobId: string, file: Buffer): Promise<void> {
    try {
      const { rows, errors } = await readSheet(file);
      await repo.updateJob(this.db.kysely, jobId, { total_rows: rows.length });
      errors.push(...(await this.validateRows(jobId, rows)));
      if (errors.length) {
        errors.sort((a, b) => a.row - b.row);
        await repo.updateJob(this.db.kysely, jobId, {
          status: 'invalid',
          errors,
          processed_rows: rows.length,
          finished_at: new Date().toISOString(),
        });
        return;
      }
      await repo.updateJob(this.db.kysely, jobId, { status: 'importing', processed_rows: 0 });
      // Looked up before the transaction: on PGlite a query outside it would wait for it forever.
      const orgIds = new Map(
        (await this.identity.orgsByNames([...new Set(rows.flatMap((r) => r.collaborators))])).map((o) => [o.name, o.id]),
      );
      const outcome = await this.db.kysely.transaction().execute(async (tx) => {
        // Nodes keep their ids where the path is unchanged, so deployed processes and forms stay attached.
        const existing = await repo.nodesOf(tx, org.id);
        const { nodes, fresh } = this.buildNodes(org.id, rows, existing, orgIds);
        const kept = new Set(nodes.map((n) => n.id));
        const removed = existing.filter((n) => !kept.has(n.id));
        const defined = await repo.definedItems(
          tx,
          removed.map((n) => n.id),
        );
        if (defined.length) {
          const names = removed.filter((n) => defined.includes(n.id)).map((n) => n.name);
          return {
            errors: names.map((name): RowError => ({
              row: 0,
              column: '业务事项',
              code: 'items.import_would_remove_defined',
              params: { name },
            })),
          };
        }
        await repo.deleteNodes(tx, removed);
        for (const node of nodes) if (!fresh.has(node.id)) await repo.updatePlacement(tx, node);
        await repo.insertNodes(
          tx,
          nodes.filter((n) => fresh.has(n.id)),
        );
        const summary = Object.fromEntries(levels.map((l) => [l === 'core' ? 'core' : `${l}s`, nodes.filter((n) => n.level === l).length]));
        await repo.updateJob(tx, jobId, { status: 'done', processed_rows: rows.length, summary, finished_at: new Date().toISOString() });
        const details = { ...summary, removed: removed.length };
        await this.audit.record(
          {
            actor,
            action: 'model.import.done',
            targetType: 'model_import',
            targetId: jobId,
            orgId: org.id,
            regionCode: org.regionCode,
            details,
          },
          tx,
        );
        return { errors: [] as RowError[] };
      });
      if (outcome.errors.length) {
        await repo.updateJob(this.db.kysely, jobId, {
          status: 'invalid',
          errors: outcome.errors,
          processed_rows: rows.length,
          finished_at: new Date().toISOString(),
        });
      }
    } catch (error) {
      await repo.updateJob(this.db.kysely, jobId, {
        status: 'failed',
        errors: [{ row: 0, column: null, code: 'items.import_failed', params: { reason: String(error).slice(0, 200) } }],
        finished_at: new Date().toISOString(),
      });
    }
  }

  private async validateRows(jobId: string, rows: SheetRow[]): Promise<RowError[]> {
    const errors: RowError[] = [];
    const orgs = new Map((await this.identity.orgsByNames([...new Set(rows.flatMap((r) => r.collaborators))])).map((o) => [o.name, o.id]));
    const seen = new Map<string, number>();
    for (const [i, row] of rows.entries()) {
      for (const name of row.collaborators) {
        if (!orgs.has(name)) errors.push({ row: row.row, column: '协同部门', code: 'items.import_unknown_org', params: { name } });
      }
      const key = row.path.join('\u0001');
      const first = seen.get(key);
      if (first !== undefined && row.path.length === 4)
        errors.push({ row: row.row, column: '业务事项', code: 'items.import_duplicate', params: { first } });
      else seen.set(key, row.row);
      if ((i + 1) % 200 === 0) await repo.updateJob(this.db.kysely, jobId, { processed_rows: i + 1 });
    }
    return errors;
  }

  private buildNodes(
    orgId: string,
    rows: SheetRow[],
    existing: repo.NodeRow[],
    orgs: Map<string, string>,
  ): { nodes: repo.NodeRow[]; fresh: Set<string> } {
    const byId = new Map(existing.map((n) => [n.id, n]));
    const pathOf = (node: repo.NodeRow): string =>
      node.parent_id && byId.has(node.parent_id) ? `${pathOf(byId.get(node.parent_id)!)}\u0001${node.name}` : node.name;
    const existingByPath = new Map(existing.map((n) => [pathOf(n), n]));
    const fresh = new Set<string>();
    const nodes = new Map<string, repo.NodeRow>();
    const counters = new Map<string | null, number>();
    for (const row of rows) {
      let parentId: string | null = null;
      row.path.forEach((name, depth) => {
        const key = row.path.slice(0, depth + 1).join('\u0001');
        let node = nodes.get(key);
        if (!node) {
          const order = counters.get(parentId) ?? 0;
          counters.set(parentId, order + 1);
          const level = levels[depth]!;
          const previous = existingByPath.get(key);
          const id = previous && previous.level === level ? previous.id : newId('node');
          if (id !== previous?.id) fresh.add(id);
          node = {
            id,
            org_id: orgId,
            level,
            parent_id: parentId,
            name,
            item_type: level === 'item' ? row.itemType : null,
            collaborator_org_ids: level === 'item' ? row.collaborators.map((n) => orgs.get(n)!) : [],
            sort_order: order,
          };
          nodes.set(key, node);
        }
        parentId = node.id;
      });
    }
    return { nodes: [...nodes.values()], fresh };
  }

  async importJob(actor: Actor, locale: Locale, jobId: string) {
    const job = await repo.findJob(this.db.kysely, jobId);
    if (!job) throw new NotFoundError('items.import_not_found', { jobId });
    await this.orgFor(actor, job.org_id, 'model.manage');
    return {
      id: job.id,
      orgId: job.org_id,
      status: job.status,
      processedRows: job.processed_rows,
      totalRows: job.total_rows,
      errors: (job.errors as RowError[]).map((e) => ({ row: e.row, column: e.column, reason: translate(e.code, locale, e.params) })),
      summary: job.summary as Record<string, number> | null,
    };
  }

  failInterruptedImports(): Promise<void> {
    return repo.failInterruptedJobs(this.db.kysely);
  }
}
