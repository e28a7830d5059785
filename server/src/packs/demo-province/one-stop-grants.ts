import type { Actor } from '../../kernel/index.ts';
import type { CatalogService } from '../../platform/catalog/index.ts';
import type { IdentityStore } from '../../platform/identity/index.ts';
import type { ModelService } from '../../platform/items/index.ts';
import type { SharingService } from '../../platform/sharing/index.ts';
import { registerClientBody, type ClientRegistry } from '../../platform/sso/index.ts';
import type { WorkflowEngine } from '../../platform/workflow/index.ts';
import { formFields, type FormField } from '../../systems/one-stop/index.ts';

/**
 * 浙里办 reads an applicant's own shared data to prefill their forms: the one-stop system's app
 * (held by the province's 大数据局) asks the owners for the fields the form vocabulary names,
 * in clear (the applicant consents to each use), and the owners' reviewers approve — through
 * the same sharing requests and approval tasks as any department's.
 */
export async function installDemoPrefillGrants(deps: {
  identity: IdentityStore;
  clients: ClientRegistry;
  model: ModelService;
  catalog: CatalogService;
  sharing: SharingService;
  workflow: WorkflowEngine;
  clientId: string;
}): Promise<number> {
  const { identity, clients, model, catalog, sharing, workflow } = deps;
  const admin = await identity.actorForUsername('admin');
  const officer = await identity.actorForUsername('zj.dataofficer');
  const orgId = await identity.orgIdBySlug('zj-dsj');
  if (!admin || !officer || !orgId) return 0;
  if (!(await clients.find(deps.clientId)))
    await clients.register(
      admin,
      registerClientBody.parse({ name: '一网通办（浙里办）', orgId, grantTypes: ['client_credentials'], clientId: deps.clientId }),
    );
  let parentId: string | null = null;
  for (const [level, name] of [
    ['core', '政务服务'],
    ['module', '一网通办'],
    ['unit', '申请表单预填'],
    ['item', '一网通办申请表单预填'],
  ] as const) {
    const node = await model.createNode(admin, {
      orgId,
      parentId,
      level,
      name,
      collaboratorOrgIds: [],
      ...(level === 'item' ? { itemType: 'service' as const } : {}),
    });
    parentId = node.id;
  }
  const needs = new Map<string, Set<string>>();
  for (const field of Object.values(formFields) as FormField[])
    if (field.prefill && 'resource' in field.prefill) {
      const fields = needs.get(field.prefill.resource) ?? new Set(['id_number']);
      fields.add(field.prefill.field);
      needs.set(field.prefill.resource, fields);
    }
  let granted = 0;
  for (const [code, fields] of needs) {
    const resource = await catalog.sharingView(code);
    if (!resource) continue;
    const request = await sharing.request(officer, {
      resourceId: resource.id,
      itemId: parentId!,
      fields: [...fields],
      purpose: '一网通办申请表单预填：经申请人授权，按其本人证件号码调取本人数据，减少重复填报',
      legalBasis: '《浙江省公共数据条例》第二十七条；《浙江省数字经济促进条例》',
      clearText: true,
      flowBack: false,
    });
    if (request.instanceId) await approveAll(identity, workflow, admin, request.instanceId, resource.orgId);
    granted += 1;
  }
  return granted;
}

/** Completes every open approval step as one of its candidates: the owner's stewards, then its leaders (or its government's). */
async function approveAll(identity: IdentityStore, workflow: WorkflowEngine, admin: Actor, instanceId: string, ownerOrgId: string) {
  const owner = await identity.findOrg(ownerOrgId);
  const people = [
    ...(await identity.dataStewardsOf(ownerOrgId)),
    ...(await identity.leadersOf(ownerOrgId)),
    ...(owner?.parentOrgId ? await identity.leadersOf(owner.parentOrgId) : []),
  ];
  for (let round = 0; round < 4; round += 1) {
    const open = (await workflow.instance(admin, instanceId)).openTasks;
    if (!open.length) return;
    for (const task of open)
      for (const person of people) {
        const actor = await identity.actorFor(person.id, '127.0.0.1');
        if (!actor) continue;
        const done = await workflow
          .complete(actor, 'zh-CN', task.id, { approved: true, opinion: '同意：申请人本人授权调取，用于一网通办表单预填' })
          .then(() => true)
          .catch(() => false);
        if (done) break;
      }
  }
}
