import { z } from 'zod';
import type { HttpApp } from '../../kernel/index.ts';
import type { ModelService } from './items.service.ts';
import { deployFormBody, deployProcessBody, profileBody, versionParams, type ItemDefinitions } from './item-definitions.ts';
import { createNodeBody, jobParams, nodeParams, treeQuery, updateNodeBody } from './items.schemas.ts';

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const maxImportBytes = 10 * 1024 * 1024;

export function itemsRoutes(app: HttpApp, model: ModelService): void {
  app.get(
    '/api/v1/model/tree',
    {
      config: { permission: 'model.read' },
      schema: { tags: ['model'], summary: '业务模型 An organisation’s V-model tree', querystring: treeQuery },
    },
    async (request) => model.tree(request.actor, request.query.orgId),
  );
  app.post(
    '/api/v1/model/nodes',
    {
      config: { permission: 'model.manage', idempotent: true },
      schema: { tags: ['model'], summary: 'Add a core business, module, unit or item', body: createNodeBody },
    },
    async (request, reply) => reply.status(201).send(await model.createNode(request.actor, request.body)),
  );
  app.patch(
    '/api/v1/model/nodes/:id',
    {
      config: { permission: 'model.manage' },
      schema: { tags: ['model'], summary: 'Rename a node; an item’s type and collaborators', params: nodeParams, body: updateNodeBody },
    },
    async (request) => model.updateNode(request.actor, request.params.id, request.body),
  );
  app.delete(
    '/api/v1/model/nodes/:id',
    { config: { permission: 'model.manage' }, schema: { tags: ['model'], summary: 'Delete a node without children', params: nodeParams } },
    async (request, reply) => {
      await model.deleteNode(request.actor, request.params.id);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/v1/model/export',
    { config: { permission: 'model.read' }, schema: { tags: ['model'], summary: '导出 Excel: one row per item', querystring: treeQuery } },
    async (request, reply) => {
      const { file, fileName } = await model.exportTree(request.actor, request.query.orgId);
      return reply
        .header('content-type', xlsx)
        .header('content-disposition', `attachment; filename="model.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(file);
    },
  );
  app.get(
    '/api/v1/model/import-jobs/:jobId',
    {
      config: { permission: 'model.manage' },
      schema: { tags: ['model'], summary: 'Progress and row errors of an import', params: jobParams },
    },
    async (request) => model.importJob(request.actor, request.locale, request.params.jobId),
  );
  app.register(async (scope) => {
    scope.addContentTypeParser(xlsx, { parseAs: 'buffer', bodyLimit: maxImportBytes }, (_request, body, done) => done(null, body));
    (scope as unknown as HttpApp).post(
      '/api/v1/model/import',
      {
        bodyLimit: maxImportBytes,
        config: { permission: 'model.manage' },
        schema: {
          tags: ['model'],
          summary: '导入 Excel: replaces the tree once the whole file is clean (202 + job)',
          querystring: treeQuery,
          body: z.instanceof(Buffer),
        },
      },
      async (request, reply) => reply.status(202).send(await model.startImport(request.actor, request.query.orgId, request.body)),
    );
  });
}

export function itemDefinitionRoutes(app: HttpApp, definitions: ItemDefinitions): void {
  app.get(
    '/api/v1/model/items/:id',
    {
      config: { permission: 'model.read' },
      schema: { tags: ['model'], summary: '事项定义 An item’s process, form, indicators and data needs', params: nodeParams },
    },
    async (request) => definitions.describe(request.actor, request.params.id),
  );
  app.post(
    '/api/v1/model/items/:id/process-versions',
    {
      config: { permission: 'model.manage', idempotent: true },
      schema: {
        tags: ['model'],
        summary: 'Deploy a BPMN 2.0 process version (refused with every problem listed)',
        params: nodeParams,
        body: deployProcessBody,
      },
    },
    async (request, reply) => {
      const result = await definitions.deployProcess(request.actor, request.locale, request.params.id, request.body.bpmnXml);
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );
  app.post(
    '/api/v1/model/items/:id/process-check',
    {
      config: { permission: 'model.read' },
      schema: {
        tags: ['model'],
        summary: '校验 Every problem of a BPMN model, without deploying',
        params: nodeParams,
        body: deployProcessBody,
      },
    },
    async (request) => definitions.checkProcess(request.actor, request.locale, request.params.id, request.body.bpmnXml),
  );
  app.get(
    '/api/v1/model/items/:id/process-versions/:version',
    {
      config: { permission: 'model.read' },
      schema: { tags: ['model'], summary: 'The BPMN XML of a deployed version', params: versionParams },
    },
    async (request, reply) =>
      reply
        .type('application/xml; charset=utf-8')
        .send(await definitions.processXml(request.actor, request.params.id, request.params.version)),
  );
  app.post(
    '/api/v1/model/items/:id/form-versions',
    {
      config: { permission: 'model.manage', idempotent: true },
      schema: { tags: ['model'], summary: 'Deploy a form version (JSON Schema + UI hints)', params: nodeParams, body: deployFormBody },
    },
    async (request, reply) => {
      const result = await definitions.deployForm(request.actor, request.params.id, request.body.schema, request.body.uiSchema);
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );
  app.get(
    '/api/v1/model/items/:id/form-versions/:version',
    { config: { permission: 'model.read' }, schema: { tags: ['model'], summary: 'A deployed form version', params: versionParams } },
    async (request) => definitions.formVersion(request.actor, request.params.id, request.params.version),
  );
  app.put(
    '/api/v1/model/items/:id/profile',
    {
      config: { permission: 'model.manage' },
      schema: { tags: ['model'], summary: 'Indicators and data needs of an item', params: nodeParams, body: profileBody },
    },
    async (request) => definitions.setProfile(request.actor, request.params.id, request.body),
  );
}
