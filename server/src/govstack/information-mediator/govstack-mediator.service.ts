import { can, ForbiddenError, ValidationError, type Actor } from '../../kernel/index.ts';
import type { CatalogService } from '../../platform/catalog/index.ts';
import type { IdentityStore } from '../../platform/identity/index.ts';
import type { SharingService } from '../../platform/sharing/index.ts';
import type { ClientRegistry } from '../../platform/sso/index.ts';
import { serviceOpenApi, type ServedResource } from './govstack-mediator.openapi.ts';

/** This node is one GovStack instance; it federates with no other. */
export const instanceId = 'ZHILI';
/** Every member is a government body (X-Road's member class GOV). */
export const memberClass = 'GOV';
/** The subsystem through which Zhili's data gateway serves a member's resources. */
export const gatewaySubsystem = 'gateway';

export interface MediatorDeps {
  identity: IdentityStore;
  clients: ClientRegistry;
  catalog: CatalogService;
  sharing: SharingService;
  publicUrl: string;
}

/** A subsystem as a path names it: /r1/{instanceId}/{memberClass}/{memberCode}/{applicationCode}. */
export interface SubsystemPath {
  instanceId: string;
  memberClass: string;
  memberCode: string;
  applicationCode: string;
}

interface Endpoint {
  method: string;
  path: string;
}

/** The endpoints of a served resource: the gateway's, and the Digital Registries reads and writes. */
function endpointsOf(resource: ServedResource, parts: { gateway: boolean; read: boolean; write: boolean }): Endpoint[] {
  const registry = `/govstack/digital-registries/data/${resource.code}/${resource.version}`;
  return [
    ...(parts.gateway
      ? [
          { method: 'GET', path: `/gateway/v1/${resource.code}/records` },
          { method: 'POST', path: `/gateway/v1/${resource.code}/records/query` },
        ]
      : []),
    ...(parts.read
      ? [
          { method: 'GET', path: registry },
          { method: 'POST', path: `${registry}/read` },
          { method: 'POST', path: `${registry}/exists` },
          { method: 'GET', path: `${registry}/{uuid}/readValue/{field}.{ext}` },
        ]
      : []),
    ...(parts.write
      ? [
          { method: 'POST', path: `${registry}/create` },
          { method: 'PUT', path: `${registry}/update` },
          { method: 'PUT', path: `${registry}/updateEntries` },
          { method: 'POST', path: `${registry}/updateOrCreate` },
        ]
      : []),
  ];
}

/**
 * GovStack Information Mediator directory (X-Road metaservices) over Zhili: members are the
 * organisations, subsystems the apps registered for them plus `gateway`, the data gateway
 * serving their resources; services are those resources (shared ones, 共享属性 ≠ 不予共享).
 */
export class MediatorDirectory {
  private readonly identity: IdentityStore;
  private readonly clients: ClientRegistry;
  private readonly catalog: CatalogService;
  private readonly sharing: SharingService;
  private readonly publicUrl: string;

  constructor(deps: MediatorDeps) {
    this.identity = deps.identity;
    this.clients = deps.clients;
    this.catalog = deps.catalog;
    this.sharing = deps.sharing;
    this.publicUrl = deps.publicUrl;
  }

  /** The directory is for the federation's members: civil servants and apps, not citizens or enterprises. */
  private requireMember(actor: Actor): void {
    if (actor.kind !== 'staff' && actor.kind !== 'app') throw new ForbiddenError('govstack.im.members_only');
  }

  private checkInstance(instance: string): void {
    if (instance !== instanceId) throw new ValidationError('govstack.im.unknown_instance', { instanceId: instance, known: instanceId });
  }

  async listClients(actor: Actor, instance: string | undefined) {
    this.requireMember(actor);
    if (instance !== undefined) this.checkInstance(instance);
    const [orgs, apps, resources] = [
      await this.identity.allOrgs(),
      await this.clients.appsWithOrgs(),
      await this.catalog.gatewayResources(),
    ];
    const serving = new Set(resources.map((r) => r.orgId));
    const appsOf = new Map<string, { clientId: string; name: string }[]>();
    for (const app of apps) appsOf.set(app.orgId, [...(appsOf.get(app.orgId) ?? []), app]);
    const member = orgs.flatMap((org) => {
      const id = { instanceId, memberClass, memberCode: org.id };
      const subsystem = (name: string, applicationCode: string) => ({ name, id: { objectType: 'APPLICATION', ...id, applicationCode } });
      return [
        { name: org.name, id: { objectType: 'MEMBER', ...id } },
        ...(serving.has(org.id) ? [subsystem(`${org.name} · 数据网关`, gatewaySubsystem)] : []),
        ...(appsOf.get(org.id) ?? []).map((app) => subsystem(app.name, app.clientId)),
      ];
    });
    return { member };
  }

  /** The member a path names and whether the subsystem serves anything (only `gateway` does); unknown ones are the contract's 400. */
  private async provider(path: SubsystemPath) {
    this.checkInstance(path.instanceId);
    if (path.memberClass !== memberClass)
      throw new ValidationError('govstack.im.unknown_member_class', { memberClass: path.memberClass, known: memberClass });
    const org = /^org_[0-9a-z]{26}$/.test(path.memberCode) ? await this.identity.findOrg(path.memberCode) : undefined;
    if (!org) throw new ValidationError('govstack.im.unknown_member', { memberCode: path.memberCode });
    if (path.applicationCode === gatewaySubsystem) return { org, serves: true };
    if ((await this.clients.ownerOrg(path.applicationCode)) !== org.id)
      throw new ValidationError('govstack.im.unknown_application', { applicationCode: path.applicationCode, memberCode: org.id });
    return { org, serves: false };
  }

  private service(path: SubsystemPath, resource: ServedResource, endpoints: Endpoint[]) {
    return {
      objectType: 'SERVICE',
      serviceType: 'REST',
      instanceId,
      memberClass,
      memberCode: path.memberCode,
      applicationCode: path.applicationCode,
      serviceCode: resource.code,
      serviceVersion: String(resource.version),
      endpointList: { member: endpoints },
    };
  }

  /** Every service of the subsystem, with every endpoint it has. */
  async listMethods(actor: Actor, path: SubsystemPath, serviceId: string | undefined) {
    this.requireMember(actor);
    const { org, serves } = await this.provider(path);
    if (!serves) return { member: [] };
    const resources = (await this.catalog.gatewayResources(org.id)).filter((r) => !serviceId || r.code === serviceId);
    return { member: resources.map((r) => this.service(path, r, endpointsOf(r, { gateway: true, read: true, write: true }))) };
  }

  /**
   * The services the caller's organisation may invoke, with those endpoints: its own resources
   * (Digital Registries reads and writes), others' it holds a grant for (the gateway and the
   * reads). For a person, what their organisation's apps may call.
   */
  async allowedMethods(actor: Actor, path: SubsystemPath, serviceId: string | undefined) {
    this.requireMember(actor);
    const { org, serves } = await this.provider(path);
    if (!serves) return { member: [] };
    const callerOrg = actor.kind === 'app' ? (actor.clientId ? await this.clients.ownerOrg(actor.clientId) : null) : actor.orgId;
    const owner =
      callerOrg === org.id || (actor.kind !== 'app' && can(actor, 'data.manage', { orgId: org.id, regionCode: org.regionCode }));
    const member = [];
    for (const resource of (await this.catalog.gatewayResources(org.id)).filter((r) => !serviceId || r.code === serviceId)) {
      if (owner) member.push(this.service(path, resource, endpointsOf(resource, { gateway: false, read: true, write: true })));
      else if (callerOrg && (await this.sharing.grantedFields(callerOrg, resource.id)).length)
        member.push(this.service(path, resource, endpointsOf(resource, { gateway: true, read: true, write: false })));
    }
    return { member };
  }

  /** The OpenAPI description of one service (a resource the subsystem serves), as a JSON text. */
  async openApi(actor: Actor, path: SubsystemPath, serviceCode: string): Promise<string> {
    this.requireMember(actor);
    const { org, serves } = await this.provider(path);
    const resource = serves ? (await this.catalog.gatewayResources(org.id)).find((r) => r.code === serviceCode) : undefined;
    if (!resource) throw new ValidationError('govstack.im.unknown_service', { serviceCode, applicationCode: path.applicationCode });
    return JSON.stringify(serviceOpenApi(resource, this.publicUrl));
  }
}
