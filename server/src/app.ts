import { readFileSync } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import {
  createHttpApp,
  createLogger,
  EventBus,
  installIdempotency,
  purgeIdempotencyKeys,
  kernelMigrations,
  migrate,
  openDatabase,
  type Config,
  type Database,
  type HttpApp,
  type Logger,
  unlessRefused,
} from './kernel/index.ts';
import { AuditLog, auditMigrations, auditRoutes, startChainerThread } from './platform/audit/index.ts';
import {
  AuthService,
  DirectoryService,
  IdentityStore,
  identityMigrations,
  identityRoutes,
  installAuthentication,
  sessionCookie,
} from './platform/identity/index.ts';
import {
  ItemDefinitions,
  itemDefinitionRoutes,
  itemsMigrations,
  itemsRoutes,
  ModelService,
  PlatformItems,
} from './platform/items/index.ts';
import { AttachmentStore, CalendarStore, WorkflowEngine, workflowMigrations, workflowRoutes } from './platform/workflow/index.ts';
import { bearerResolver, ClientRegistry, createOidcProvider, ssoMigrations, ssoRoutes } from './platform/sso/index.ts';
import { govstackIdentityRoutes } from './govstack/identity/index.ts';
import { govstackWorkflowRoutes } from './govstack/workflow/index.ts';
import { govstackDigitalRegistriesRoutes } from './govstack/digital-registries/index.ts';
import { govstackInformationMediatorRoutes } from './govstack/information-mediator/index.ts';
import { govstackRegistrationRoutes } from './govstack/registration/index.ts';
import { CatalogService, catalogMigrations, catalogRoutes, RecordStore } from './platform/catalog/index.ts';
import { cryptoMigrations, KeyRing, loadMasterKey } from './platform/crypto/index.ts';
import { ObjectionService, SharingMetrics, SharingService, sharingMigrations, sharingRoutes } from './platform/sharing/index.ts';
import { DataGateway, gatewayRoutes } from './platform/gateway/index.ts';
import { CollaborationService, collaborationMigrations, collaborationRoutes } from './platform/collaboration/index.ts';
import { collectionMigrations, collectionRoutes, LoadService, QualityService, SourceService } from './platform/collection/index.ts';
import { createOpenData, openDataMigrations, openDataRoutes } from './platform/open-data/index.ts';
import { CertificateService, certificateRoutes, certificatesMigrations } from './platform/certificates/index.ts';
import {
  installDemoCatalog,
  installDemoProvince,
  installDemoServices,
  installDemoPrefillGrants,
  installDemoWorkflows,
  type DemoSummary,
} from './packs/demo-province/index.ts';
import {
  CaseService,
  caseRoutes,
  FeedbackService,
  feedbackRoutes,
  oneStopMigrations,
  oneStopRoutes,
  OneStopKpis,
  ServiceCatalog,
} from './systems/one-stop/index.ts';
import {
  Inbox,
  LoggingSmsProvider,
  NotificationDispatcher,
  notificationRoutes,
  Notifications,
  notificationsMigrations,
  smtpSender,
} from './platform/notifications/index.ts';
import { MessagingService, messagingMigrations, messagingRoutes, subjectAccessFrom } from './platform/messaging/index.ts';
import { ExecutionChain, executionChainMigrations, executionChainRoutes } from './systems/execution-chain/index.ts';
import { AppEfficacy, AppMonitor, AppRegistry, appRoutes, appsMigrations, ComponentCatalog, UsageMeter } from './platform/apps/index.ts';
import { SignatureService, signatureRoutes, signaturesMigrations } from './platform/signatures/index.ts';
import { serveWeb } from './web.ts';

export const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** Every module's migrations, in dependency order. */
export const migrationSources = [
  kernelMigrations,
  auditMigrations,
  identityMigrations,
  ssoMigrations,
  itemsMigrations,
  workflowMigrations,
  cryptoMigrations,
  catalogMigrations,
  sharingMigrations,
  collectionMigrations,
  collaborationMigrations,
  openDataMigrations,
  oneStopMigrations,
  certificatesMigrations,
  notificationsMigrations,
  messagingMigrations,
  executionChainMigrations,
  appsMigrations,
  signaturesMigrations,
];

export interface Node {
  config: Config;
  db: Database;
  app: HttpApp;
  log: Logger;
  audit: AuditLog;
  identity: IdentityStore;
  events: EventBus;
  workflow: WorkflowEngine;
  records: RecordStore;
  gateway: DataGateway;
  collection: { loads: LoadService; sources: SourceService; quality: QualityService };
  certificates: CertificateService;
  cases: CaseService;
  chain: ExecutionChain;
  messages: MessagingService;
  notifications: { center: Notifications; dispatcher: NotificationDispatcher; sms: LoggingSmsProvider };
  apps: { registry: AppRegistry; monitor: AppMonitor; efficacy: AppEfficacy; usage: UsageMeter };
  demo: DemoSummary | null;
  close(): Promise<void>;
}

export interface NodeOptions {
  /** An already-open database (tests); otherwise opened from the config. */
  db?: Database;
  log?: Logger;
  /** Keep PGlite in memory (tests). */
  inMemory?: boolean;
  onProgress?: (line: string) => void;
}

/** The composition root: opens the database, migrates, seeds, wires every module. */
export async function createNode(config: Config, options: NodeOptions = {}): Promise<Node> {
  const log = options.log ?? createLogger(config.logLevel);
  const db = options.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, inMemory: options.inMemory }));
  const progress = options.onProgress ?? (() => {});
  const applied = await migrate(db, migrationSources, (id) => progress(`migrate ${id}`));
  if (applied.length) log.info({ applied }, 'migrations applied');

  const audit = await new AuditLog(db).open();
  const identity = new IdentityStore(db);
  let demo: DemoSummary | null = null;
  if (config.seedDemo && (await identity.isEmpty())) {
    progress('installing the demo province');
    demo = await installDemoProvince(db, identity, audit, (line) => progress(`demo ${line}`));
  }

  const indexed = await identity.backfillNamePinyin();
  if (indexed) log.info({ accounts: indexed }, 'address book: names indexed in pinyin');
  const events = new EventBus(db, log);
  const auth = new AuthService(db, audit, config.sessionHours);
  const directory = new DirectoryService(db, audit);
  const clients = new ClientRegistry(db, audit, (orgId) => identity.findOrg(orgId));
  const model = new ModelService(db, audit, identity);
  await model.failInterruptedImports();
  const provider = await createOidcProvider(db, config.publicUrl, identity, log);

  const { app, onRefusal } = await createHttpApp({ log, bodyLimit: config.bodyLimit, publicUrl: config.publicUrl, version });
  // 组件目录: calls to the built-in components' APIs are counted by caller.
  const usage = new UsageMeter(db, log);
  app.addHook('onResponse', async (request, reply) =>
    usage.count(request.url, request.actor?.clientId ?? (request.actor?.accountId ? 'zhili' : 'anonymous'), reply.statusCode),
  );
  const resolveBearer = bearerResolver(
    provider,
    (accountId, ip) => identity.actorFor(accountId, ip),
    () => clients.generation,
  );
  installAuthentication(app, auth, () => (token, request) => resolveBearer(token, request.ip));
  installIdempotency(app, db);
  onRefusal(async (request, error) => {
    if (request.url.startsWith('/api/v1/auth/me')) return; // a probe, not a refusal of anything
    await audit.record({
      actor: request.actor,
      action: `http.${request.method.toLowerCase()}`,
      outcome: 'refused',
      targetType: 'endpoint',
      targetId: request.routeOptions.url ?? request.url.split('?')[0] ?? null,
      details: { code: error.code, status: error.status, ...(error.details.permission ? { permission: error.details.permission } : {}) },
    });
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok', version }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    try {
      await db.kysely.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
      return { status: 'ready', database: db.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: db.kind });
    }
  });

  const sessionActor = async (request: FastifyRequest) => {
    const token = request.cookies[sessionCookie];
    return token ? (await auth.resolveSession(token, request.ip))?.actor : undefined;
  };
  identityRoutes(app, auth, directory);
  auditRoutes(app, audit);
  ssoRoutes(app, provider, clients, sessionActor);
  govstackIdentityRoutes(app, provider, clients);
  itemsRoutes(app, model);
  const definitions = new ItemDefinitions(db, audit, identity);
  itemDefinitionRoutes(app, definitions);
  const calendar = new CalendarStore(db, audit);
  const workflow = new WorkflowEngine(db, audit, definitions, calendar, {
    actorFor: (accountId) => identity.actorFor(accountId, '127.0.0.1'),
    leadersOf: (orgId) => identity.leadersOf(orgId),
  });
  // The one service handler built in so far: a notification, recorded in the instance's variables.
  workflow.registerHandler('notification', async ({ key }) => ({ notified: key }));
  const attachments = new AttachmentStore(db, audit, (actor, instanceId) => workflow.mayReadInstance(actor, instanceId));
  workflowRoutes(app, workflow, calendar, attachments);
  govstackWorkflowRoutes(app, definitions, workflow);
  const catalog = new CatalogService(db, audit, identity);
  const keys = new KeyRing(db, loadMasterKey(config.dataDir, config.masterKey));
  await keys.verify();
  const certificates = new CertificateService({ db, audit, identity, keys, publicUrl: config.publicUrl });
  certificateRoutes(app, certificates);
  const records = new RecordStore(db, audit, identity, keys);
  catalogRoutes(app, catalog, records);
  const platformItems = new PlatformItems(db, model, definitions);
  const sharing = new SharingService({ db, audit, identity, catalog, model, platformItems, workflow });
  // An item's data needs turn "matched" once a sharing grant covers them.
  definitions.matchNeeds = (itemId, needs) => sharing.matchNeeds(itemId, needs);
  model.matchNeeds = (itemId, needs) => sharing.matchNeeds(itemId, needs);
  const quality = new QualityService({ db, audit, identity, catalog, records, workflow, platformItems, log });
  const loads = new LoadService({ db, audit, catalog, records, quality });
  const interruptedLoads = await loads.failInterrupted();
  if (interruptedLoads) log.warn({ loads: interruptedLoads }, 'loads cut off by a stop were failed; nothing of them was written');
  const sources = new SourceService({ db, audit, loads, keys, log });
  collectionRoutes(app, loads, sources, quality);
  const gateway = new DataGateway({ audit, identity, catalog, records, sharing, clients, keys, rateLimit: config.gatewayRateLimit });
  gatewayRoutes(app, gateway);
  const collaboration = new CollaborationService({ db, audit, identity, catalog, records, model, platformItems, workflow, keys });
  gateway.services = collaboration;
  collaborationRoutes(app, collaboration);
  // GovStack Digital Registries and Information Mediator over the catalog, the gateway and the directory.
  govstackDigitalRegistriesRoutes(app, { catalog, records, gateway, clients, identity, audit, publicUrl: config.publicUrl });
  govstackInformationMediatorRoutes(app, { identity, clients, catalog, sharing, publicUrl: config.publicUrl });
  const openData = createOpenData({ db, audit, identity, catalog, records, publicUrl: config.publicUrl });
  openDataRoutes(app, openData);
  const objections = new ObjectionService({ db, audit, identity, catalog, records, sharing, workflow, platformItems, keys });
  sharingRoutes(app, sharing, new SharingMetrics({ db, audit, identity, definitions, sharing }), objections);
  const sms = new LoggingSmsProvider(log);
  const dispatcher = new NotificationDispatcher({
    db,
    mail: config.smtpUrl ? smtpSender(config.smtpUrl, config.mailFrom) : null,
    sms,
    publicUrl: config.publicUrl,
    log,
  });
  const notifications = new Notifications(db, () => dispatcher.channels);
  notificationRoutes(app, new Inbox(db, () => dispatcher.channels));
  // P7 应用集成管理 and P6.1 组件目录
  const components = new ComponentCatalog(db, audit);
  await components.installBuiltIns(version);
  const findOrg = (orgId: string) => identity.findOrg(orgId);
  const apps = new AppRegistry({ db, audit, clients, findOrg, resourceExists: (code) => catalog.sharingView(code).then(Boolean) });
  const monitor = new AppMonitor({
    db,
    registry: apps,
    notify: (tx, input) => notifications.notify(tx, input),
    // the owner's 单位管理员, or else the data bureau's platform admins of its region
    adminsOf: async (orgId) => {
      const admins = await identity.accountsWithRole(orgId, 'org_admin');
      const org = admins.length ? null : await identity.findOrg(orgId);
      return (org ? await identity.accountsWithRoleInRegion(org.regionCode, 'platform_admin') : admins).map((a) => a.id);
    },
    log,
  });
  const efficacy = new AppEfficacy(db);
  appRoutes(app, { registry: apps, monitor, efficacy, components, findOrg });
  // 电子签章: PDFs uploaded as workflow attachments, signed after the password is given again.
  const signatures = new SignatureService({
    db,
    audit,
    keys,
    readPdf: (actor, id) => attachments.read(actor, id),
    unreachable: (actor, ids) => directory.unreachable(actor, ids),
    confirmPassword: (actor, password) => auth.confirmPassword(actor, password),
    notify: (tx, input) => notifications.notify(tx, input),
  });
  signatureRoutes(app, signatures);
  provider.on('authorization.success', (ctx: { oidc?: { client?: { clientId: string }; session?: { accountId?: string } } }) => {
    const clientId = ctx.oidc?.client?.clientId;
    const accountId = ctx.oidc?.session?.accountId;
    if (clientId && accountId)
      void apps.recordSignIn(clientId, accountId).catch((e: unknown) => log.warn({ err: e }, 'app sign-in not counted'));
  });
  // 消息: groups may be about a case or a task the creator may see (instructions: add a resolver here).
  const messages = new MessagingService({
    db,
    audit,
    directory,
    notifications,
    subjectAccess: subjectAccessFrom({
      case: async (actor, id) => cases.get(actor, id).then((c) => ({ title: `${c.serviceName}（${c.caseNo}）` })),
      task: async (actor, id) => workflow.task(actor, id).then((t) => ({ title: `${t.itemName}：${t.name}` })),
      // the chain is made below; this runs only when a group is opened, long after start-up
      instruction: async (actor, id) => chain.get(actor, id).then((i) => ({ title: `批示：${i.subject.title}` })),
    }),
    options: { urgentResendSeconds: 300, urgentMaxResends: 3 },
  });
  messagingRoutes(app, messages);
  events.subscribe('identity.account.disabled', ({ accountId }) => messages.disconnect(accountId));
  events.subscribe('identity.session.ended_everywhere', ({ accountId }) => messages.disconnect(accountId));
  // Systems (S*), on the platform's public functions.
  const services = new ServiceCatalog(db, audit, identity, (code) => gateway.ownerOf(code).catch(() => null));
  oneStopRoutes(app, services);
  const cases = new CaseService({ db, audit, identity, services, workflow, platformItems, gateway, certificates });
  caseRoutes(app, cases, services, new OneStopKpis(db, identity));
  govstackRegistrationRoutes(app, { db, services, cases, workflow, attachments, certificates, publicUrl: config.publicUrl });
  feedbackRoutes(app, new FeedbackService({ db, audit, identity, services, workflow, platformItems }), cases);
  // S1.2 执行链: 批示 on cases and tasks the issuer may see; warnings, reports and documents are free objects named by their title.
  const chain = new ExecutionChain({
    db,
    audit,
    identity,
    reach: directory,
    notifications,
    files: attachments,
    subjectAccess: async (actor, type, id, givenTitle) => {
      if (type === 'case') {
        const found = await unlessRefused(cases.get(actor, id));
        return found && { title: `${found.caseNo} ${found.serviceName}` };
      }
      if (type === 'task') {
        const task = await unlessRefused(workflow.task(actor, id));
        return task && { title: `${task.itemName}：${task.name}`, link: `/workbench/tasks/${task.id}` };
      }
      return { title: givenTitle ?? '' };
    },
  });
  executionChainRoutes(app, chain);
  if (demo) {
    const shown = await installDemoWorkflows({ identity, model, definitions, workflow });
    progress(`demo workflows: ${shown.items} items, ${shown.instances} applications`);
    progress(`demo catalog: ${await installDemoCatalog(catalog, identity, records)} data resources`);
    progress(`demo services: ${await installDemoServices(services, identity)} 政务服务事项`);
    const prefill = { identity, clients, model, catalog, sharing, workflow, clientId: cases.prefillClientId };
    progress(`demo one-stop prefill: ${await installDemoPrefillGrants(prefill)} resources granted`);
  }
  await serveWeb(app);

  const housekeeping = setInterval(() => {
    Promise.all([auth.purgeExpired(), clients.purgeExpired(), purgeIdempotencyKeys(db)])
      .then(([identity, oidcPayloads, idempotencyKeys]) => log.debug({ identity, oidcPayloads, idempotencyKeys }, 'housekeeping'))
      .catch((e: unknown) => log.error({ err: e }, 'housekeeping failed'));
  }, 3600_000);
  housekeeping.unref();
  // Audit entries commit with their change into audit_pending; the chainer hashes them in —
  // on a PostgreSQL server in a thread of its own (its CPU off the requests' event loop).
  const chainerThread =
    db.kind === 'postgres' && config.databaseUrl
      ? startChainerThread({ databaseUrl: config.databaseUrl, chainEveryMs: 200, checkpointEveryMs: 60_000 }, (message) =>
          log.error(message),
        )
      : undefined;
  const chainer = chainerThread
    ? undefined
    : setInterval(() => void audit.flush().catch((e: unknown) => log.error({ err: e }, 'audit chaining failed')), 200);
  chainer?.unref();
  const checkpoints = chainerThread
    ? undefined
    : setInterval(() => void audit.checkpoint().catch((e: unknown) => log.error({ err: e }, 'audit checkpoint failed')), 60_000);
  checkpoints?.unref();
  // Stored timers fire here — after a restart too — and deadlines (承诺时限) are watched.
  const timers = setInterval(
    () => void workflow.fireDueTimers().catch((e: unknown) => log.error({ err: e }, 'workflow timers failed')),
    config.timerIntervalMs,
  );
  timers.unref();
  // Scheduled pulls (定时归集) that are due run here.
  const pulls = setInterval(
    () => void sources.runDue().catch((e: unknown) => log.error({ err: e }, 'scheduled pulls failed')),
    config.collectionIntervalMs,
  );
  pulls.unref();
  // 运行监测: every active app checked; usage counts written; last month scored once it is over.
  const appChecks = setInterval(
    () => void monitor.checkAll().catch((e: unknown) => log.error({ err: e }, 'app checks failed')),
    config.appCheckIntervalMs,
  );
  appChecks.unref();
  const usageFlush = setInterval(() => void usage.flush(), 5000);
  usageFlush.unref();
  // 应用效能: last month's final scores and this month's so far, every hour (each month scored afresh, idempotently).
  const scoreMonths = () => {
    const now = new Date();
    const month = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
    void Promise.all([efficacy.evaluate(month(-1)), efficacy.evaluate(month(0))]).catch((e: unknown) =>
      log.error({ err: e }, 'app efficacy failed'),
    );
  };
  const monthly = setInterval(scoreMonths, 3600_000);
  monthly.unref();
  // E-mail and SMS notices go out here, retried with back-off.
  const deliveries = setInterval(
    () => void dispatcher.deliverDue().catch((e: unknown) => log.error({ err: e }, 'notification delivery failed')),
    config.timerIntervalMs * 2,
  );
  deliveries.unref();
  // 紧急消息 (DING) not yet acknowledged are notified again when due.
  const dings = setInterval(
    () => void messages.resendDue().catch((e: unknown) => log.error({ err: e }, 'urgent message re-sends failed')),
    30_000,
  );
  dings.unref();
  const deadlines = setInterval(
    () => void workflow.checkDeadlines().catch((e: unknown) => log.error({ err: e }, 'workflow deadlines failed')),
    60_000,
  );
  deadlines.unref();
  // 执行链督办: overdue instructions escalated once a day, yellow ones reminded once per deadline.
  const instructionWatch = setInterval(
    () =>
      void Promise.all([chain.escalateOverdue(new Date()), chain.remindDueSoon(new Date())]).catch((e: unknown) =>
        log.error({ err: e }, 'instruction escalation failed'),
      ),
    60_000,
  );
  instructionWatch.unref();
  events.subscribe('identity.session.ended_everywhere', ({ accountId }) => clients.revokeForAccount(accountId).then(() => undefined));
  events.subscribe('identity.account.disabled', ({ accountId }) => clients.revokeForAccount(accountId).then(() => undefined));
  events.subscribe('identity.account.disabled', ({ accountId }) => openData.keys.revokeForAccount(accountId).then(() => undefined));
  events.start();

  return {
    config,
    db,
    app,
    log,
    audit,
    identity,
    events,
    workflow,
    records,
    gateway,
    collection: { loads, sources, quality },
    certificates,
    cases,
    chain,
    messages,
    notifications: { center: notifications, dispatcher, sms },
    apps: { registry: apps, monitor, efficacy, usage },
    demo,
    async close() {
      clearInterval(instructionWatch);
      clearInterval(deadlines);
      clearInterval(deliveries);
      clearInterval(appChecks);
      clearInterval(usageFlush);
      clearInterval(monthly);
      clearInterval(dings);
      clearInterval(pulls);
      clearInterval(timers);
      clearInterval(checkpoints);
      clearInterval(chainer);
      clearInterval(housekeeping);
      await app.close();
      await events.stop();
      await usage.flush();
      await chainerThread?.stop();
      await audit.checkpoint().catch(() => undefined);
      if (!options.db) await db.close();
    },
  };
}
