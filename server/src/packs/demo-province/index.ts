// The demo province pack: Zhejiang's regions, organisations, staff and synthetic
// citizens and enterprises. Other code imports only from this file.

export type { DemoRegion, RegionLevel } from './regions.ts';
export { demoCounties, demoRegionByCode, demoRegionFullName, demoRegions, demoTownships } from './regions.ts';

export type { DemoOrganisation, DemoUnit, OrgKind } from './organisations.ts';
export { demoCountyOrgPrefixes, demoOrganisationByKey, demoOrganisations } from './organisations.ts';

export type { DemoCitizen, DemoEnterprise, Rng } from './people.ts';
export { generateChineseName, generateCitizens, generateEnterprises, generateMobile, intBetween, mulberry32, pick } from './people.ts';

export type { Clearance, DemoRole, DemoStaff } from './staff.ts';
export { demoRoles, demoStaff } from './staff.ts';

export { installDemoProvince, demoAccounts, demoPassword, type DemoSummary } from './seed.ts';
export { installDemoWorkflows } from './workflows.ts';
export { installDemoCatalog, demoResources } from './catalog.ts';
export { installDemoServices } from './services.ts';
export { installDemoPrefillGrants } from './one-stop-grants.ts';
export { demoServiceGuides } from './service-guides.ts';
export { demoRecords } from './catalog-records.ts';
