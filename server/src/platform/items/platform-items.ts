import { sql } from 'kysely';
import type { Actor, Database } from '../../kernel/index.ts';
import type { ItemDefinitions } from './item-definitions.ts';
import type { ModelService } from './items.service.ts';

export interface PlatformItemSpec {
  /** what the platform uses it for, one item per organisation and purpose: `sharing.approval` */
  purpose: string;
  /** 核心业务 → 业务模块 → 业务单元 → 业务事项, found by name or made */
  path: [string, string, string, string];
  itemType: 'governance' | 'service';
  process: string;
  form: Record<string, unknown>;
  timeLimitDays: number;
}

/**
 * Items the platform runs in an organisation's own V-model — 数据共享申请审批, 数据质量整改 …:
 * made on first use with their process, form and time limit deployed, so the organisation sees
 * and monitors them like its other items.
 */
export class PlatformItems {
  private readonly db: Database;
  private readonly model: ModelService;
  private readonly definitions: ItemDefinitions;

  constructor(db: Database, model: ModelService, definitions: ItemDefinitions) {
    this.db = db;
    this.model = model;
    this.definitions = definitions;
  }

  private async found(orgId: string, purpose: string): Promise<string | undefined> {
    return (
      await sql<{ item_id: string }>`select item_id from model_platform_items where org_id = ${orgId} and purpose = ${purpose}`.execute(
        this.db.kysely,
      )
    ).rows[0]?.item_id;
  }

  async ensure(actor: Actor, orgId: string, spec: PlatformItemSpec): Promise<string> {
    const existing = await this.found(orgId, spec.purpose);
    if (existing) return existing;
    const tree = await this.model.tree(actor, orgId);
    let parentId: string | null = null;
    let siblings = tree.nodes;
    const levels = ['core', 'module', 'unit', 'item'] as const;
    for (const [depth, name] of spec.path.entries()) {
      const level = levels[depth]!;
      let node = siblings.find((n) => n.name === name && n.level === level);
      if (!node || level === 'item')
        node = await this.model.createNode(actor, {
          orgId,
          parentId,
          level,
          name,
          collaboratorOrgIds: [],
          ...(level === 'item' ? { itemType: spec.itemType } : {}),
        });
      parentId = node.id;
      siblings = node.children;
    }
    const itemId = parentId!;
    await this.definitions.deployProcess(actor, 'zh-CN', itemId, spec.process);
    await this.definitions.deployForm(actor, itemId, spec.form, {});
    await this.definitions.setProfile(actor, itemId, { indicators: [], dataNeeds: [], timeLimitDays: spec.timeLimitDays });
    await sql`insert into model_platform_items (org_id, purpose, item_id) values (${orgId}, ${spec.purpose}, ${itemId})
      on conflict do nothing`.execute(this.db.kysely);
    return (await this.found(orgId, spec.purpose))!;
  }
}
