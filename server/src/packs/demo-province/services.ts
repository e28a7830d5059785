import type { IdentityStore } from '../../platform/identity/index.ts';
import type { ServiceCatalog } from '../../systems/one-stop/index.ts';
import { demoApplications, demoBundles } from './service-bundles.ts';
import { demoServiceGuides } from './service-guides.ts';

/** Publishes the demo province's 政务服务事项 (service-guides.ts) and 一件事 (service-bundles.ts) as `admin`; returns how many services. */
export async function installDemoServices(services: ServiceCatalog, identity: IdentityStore): Promise<number> {
  const admin = await identity.actorForUsername('admin');
  if (!admin) return 0;
  const guides = [];
  for (const { org, ...guide } of demoServiceGuides) {
    const orgId = await identity.orgIdBySlug(org);
    if (!orgId) continue;
    const { countersignOrgs, ...application } = demoApplications[guide.code] ?? {};
    const countersign = countersignOrgs ? await Promise.all(countersignOrgs.map((slug) => identity.orgIdBySlug(slug))) : undefined;
    guides.push({
      ...guide,
      ...application,
      ...(countersign ? { countersignOrgs: countersign.filter((id): id is string => id !== undefined) } : {}),
      orgId,
    });
  }
  const count = await services.putMany(admin, guides);
  await services.putBundles(admin, demoBundles);
  return count;
}
