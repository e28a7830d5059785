import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError, type Actor, type HttpApp, type Locale } from '../../kernel/index.ts';
import type { ItemDefinitions } from '../../platform/items/index.ts';
import type { WorkflowEngine } from '../../platform/workflow/index.ts';

/**
 * GovStack Workflow BB (../shared/govstack/workflow/swagger.yaml) over Zhili's engine: a
 * GovStack "process" is a deployed process version of an item (id `prv_…`, key = the BPMN
 * process id); an "instance" is a Zhili process instance.
 */
const base = '/govstack/workflow';
const tags = ['govstack-workflow'];
const bpmnCategory = 'http://www.omg.org/spec/BPMN/20100524/MODEL';

const listOfProperties = z.array(z.record(z.string(), z.unknown())).max(500).default([]);
const processDefinition = z.object({
  name: z.string().trim().min(1).max(200),
  type: z.enum(['None', 'Private', 'Public']),
  version: z.string().max(50),
  isExecutable: z.boolean().optional(),
  isClosed: z.boolean().optional(),
  description: z.string().max(2000).optional(),
  processBody: listOfProperties,
});
const processParams = z.strictObject({ processId: z.string().min(1).max(200) });
const instanceParams = z.strictObject({ instanceId: z.string().regex(/^wfi_[0-9a-z]{26}$/, 'identity.invalid_id') });

/** ListOfProperties comes as `[{code, value}]` or as `[{name: value, …}]` (the spec's own example); both read. */
function properties(list: Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const entry of list) {
    if (typeof entry.code === 'string' && 'value' in entry) out[entry.code] = entry.value;
    else Object.assign(out, entry);
  }
  for (const key of Object.keys(out)) if (!/^[A-Za-z_]\w{0,63}$/.test(key)) throw new ValidationError('govstack.invalid_property', { key });
  return out;
}

type Deployed = Awaited<ReturnType<ItemDefinitions['deployedProcesses']>>[number];
const processView = (p: Deployed) => ({
  id: p.definitionId,
  key: p.processKey,
  category: bpmnCategory,
  version: p.version,
  name: p.itemName,
  itemId: p.itemId,
  deployedAt: p.deployedAt,
  processDefinition: { name: p.itemName, type: 'Public', version: String(p.version), isExecutable: true },
});

export function govstackWorkflowRoutes(app: HttpApp, definitions: ItemDefinitions, engine: WorkflowEngine): void {
  /** A process by its id (`prv_…`, one version) or its key (the newest version). */
  const findProcess = async (actor: Actor, processId: string): Promise<Deployed> => {
    const byId = processId.startsWith('prv_') ? await definitions.deployedProcesses(actor, { definitionId: processId }) : [];
    const found = byId[0] ?? (await definitions.deployedProcesses(actor, { processKey: processId }))[0];
    if (!found) throw new NotFoundError('govstack.process_not_found', { processId });
    return found;
  };
  const deployBody = async (actor: Actor, locale: Locale, itemId: unknown, bpmnXml: unknown) => {
    if (typeof itemId !== 'string' || typeof bpmnXml !== 'string' || !bpmnXml)
      throw new ValidationError('govstack.process_body', { required: ['itemId', 'bpmnXml'] });
    if (!/^node_[0-9a-z]{26}$/.test(itemId)) throw new ValidationError('identity.invalid_id', { itemId });
    return definitions.deployProcess(actor, locale, itemId, bpmnXml);
  };
  const instanceView = (i: { id: string; definitionId: string; startedAt: string; lastChangeAt: string; status: string }) => ({
    id: i.id,
    processRef: i.definitionId,
    initTime: i.startedAt,
    lastChangeTime: i.lastChangeAt,
    state: i.status === 'cancelled' ? 'stopped' : i.status,
  });

  app.get(
    `${base}/processes`,
    { config: { permission: 'model.read' }, schema: { tags, summary: 'Deployed processes (each version of each item)' } },
    async (request) => (await definitions.deployedProcesses(request.actor)).map(processView),
  );
  app.post(
    `${base}/processes`,
    {
      config: { permission: 'model.manage', idempotent: true },
      schema: { tags, summary: 'Deploy a process: processBody carries itemId and bpmnXml', body: processDefinition },
    },
    async (request, reply) => {
      const body = properties(request.body.processBody);
      const deployed = await deployBody(request.actor, request.locale, body.itemId, body.bpmnXml);
      const found = (await definitions.deployedProcesses(request.actor, { processKey: deployed.processKey })).find(
        (p) => p.itemId === body.itemId && p.version === deployed.version,
      );
      return reply.status(deployed.created ? 201 : 200).send(found ? processView(found) : deployed);
    },
  );
  app.get(
    `${base}/processes/:processId`,
    { config: { permission: 'model.read' }, schema: { tags, summary: 'One process', params: processParams } },
    async (request) => processView(await findProcess(request.actor, request.params.processId)),
  );
  app.put(
    `${base}/processes/:processId`,
    {
      config: { permission: 'model.manage' },
      schema: { tags, summary: 'A new version of the process (processBody.bpmnXml)', params: processParams, body: processDefinition },
    },
    async (request, reply) => {
      const current = await findProcess(request.actor, request.params.processId);
      await deployBody(request.actor, request.locale, current.itemId, properties(request.body.processBody).bpmnXml);
      return reply.status(204).send();
    },
  );
  app.delete(
    `${base}/processes/:processId`,
    { config: { permission: 'model.manage' }, schema: { tags, summary: 'Refused: deployed versions are kept', params: processParams } },
    async (request) => {
      await findProcess(request.actor, request.params.processId);
      throw new ConflictError('govstack.process_kept');
    },
  );
  app.post(
    `${base}/processes/:processId/start`,
    {
      config: { permission: 'workflow.start', idempotent: true },
      schema: {
        tags,
        summary: 'Start an instance of the process’s item',
        params: processParams,
        body: z.object({ processStartedBy: z.string().trim().min(1).max(200), InstanceValues: listOfProperties }),
      },
    },
    async (request, reply) => {
      const process = await findProcess(request.actor, request.params.processId);
      const started = await engine.start(request.actor, request.locale, {
        itemId: process.itemId,
        variables: { ...properties(request.body.InstanceValues), processStartedBy: request.body.processStartedBy },
      });
      return reply.status(201).send({
        id: started.id,
        processRef: started.definitionId,
        suspended: false,
        ended: started.status !== 'running',
        state: started.status,
      });
    },
  );
  app.get(
    `${base}/instances`,
    {
      config: { permission: 'workflow.monitor' },
      schema: {
        tags,
        summary: 'Process instances, optionally of one process',
        querystring: z.strictObject({ processId: z.string().max(200).optional() }),
      },
    },
    async (request) => {
      const definitionId = request.query.processId ? (await findProcess(request.actor, request.query.processId)).definitionId : undefined;
      return (await engine.instances(request.actor, { definitionId, limit: 200 })).items.map(instanceView);
    },
  );
  app.get(
    `${base}/instances/:instanceId`,
    { config: { permission: 'authenticated' }, schema: { tags, summary: 'One process instance', params: instanceParams } },
    async (request) => instanceView(await engine.instance(request.actor, request.params.instanceId)),
  );
  app.post(
    `${base}/instances/:instanceId/stop`,
    {
      config: { permission: 'model.manage' },
      schema: { tags, summary: 'Stop a running instance', params: instanceParams },
    },
    async (request, reply) => {
      const stopped = await engine.stop(request.actor, request.params.instanceId, 'govstack.stop');
      return reply.status(201).send({ id: stopped.id, processRef: stopped.definitionId, suspended: false, ended: true, state: 'stopped' });
    },
  );
}
