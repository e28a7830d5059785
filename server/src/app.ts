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
} from './kernel/index.ts';
import { AuditLog, auditMigrations, auditRoutes } from './platform/audit/index.ts';
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
  notifications: { center: Notifications; dispatcher: NotificationDispatcher; sms: LoggingSmsProvider };
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
  // Systems (S*), on the platform's public functions.
  const services = new ServiceCatalog(db, audit, identity, (code) => gateway.ownerOf(code).catch(() => null));
  oneStopRoutes(app, services);
  const cases = new CaseService({ db, audit, identity, services, workflow, platformItems, gateway, certificates });
  caseRoutes(app, cases, services, new OneStopKpis(db, identity));
  govstackRegistrationRoutes(app, { db, services, cases, workflow, attachments, certificates, publicUrl: config.publicUrl });
  feedbackRoutes(app, new FeedbackService({ db, audit, identity, services, workflow, platformItems }), cases);
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
  // Audit entries commit with their change into audit_pending; the chainer hashes them in.
  const chainer = setInterval(() => void audit.flush().catch((e: unknown) => log.error({ err: e }, 'audit chaining failed')), 200);
  chainer.unref();
  const checkpoints = setInterval(
    () => void audit.checkpoint().catch((e: unknown) => log.error({ err: e }, 'audit checkpoint failed')),
    60_000,
  );
  checkpoints.unref();
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
  // E-mail and SMS notices go out here, retried with back-off.
  const deliveries = setInterval(
    () => void dispatcher.deliverDue().catch((e: unknown) => log.error({ err: e }, 'notification delivery failed')),
    config.timerIntervalMs * 2,
  );
  deliveries.unref();
  const deadlines = setInterval(
    () => void workflow.checkDeadlines().catch((e: unknown) => log.error({ err: e }, 'workflow deadlines failed')),
    60_000,
  );
  deadlines.unref();
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
    notifications: { center: notifications, dispatcher, sms },
    demo,
    async close() {
      clearInterval(deadlines);
      clearInterval(deliveries);
      clearInterval(pulls);
      clearInterval(timers);
      clearInterval(checkpoints);
      clearInterval(chainer);
      clearInterval(housekeeping);
      await app.close();
      await events.stop();
      await audit.checkpoint().catch(() => undefined);
      if (!options.db) await db.close();
    },
  };
}
