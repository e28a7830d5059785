import type { IdentityStore } from '../../platform/identity/index.ts';
import type { ServiceCatalog } from '../../systems/one-stop/index.ts';
import { demoServiceGuides } from './service-guides.ts';

/** Publishes the demo province's 政务服务事项 (service-guides.ts) as `admin`; returns how many. */
export async function installDemoServices(services: ServiceCatalog, identity: IdentityStore): Promise<number> {
  const admin = await identity.actorForUsername('admin');
  if (!admin) return 0;
  const guides = [];
  for (const { org, ...guide } of demoServiceGuides) {
    const orgId = await identity.orgIdBySlug(org);
    if (orgId) guides.push({ ...guide, orgId });
  }
  return services.putMany(admin, guides);
}
