/** Data grades 数据分级: L1 public … L4 sensitive (ID numbers, health, criminal records). */
export type Grade = 'L1' | 'L2' | 'L3' | 'L4';
export const grades: readonly Grade[] = ['L1', 'L2', 'L3', 'L4'];

export function gradeRank(grade: Grade): number {
  return grades.indexOf(grade) + 1;
}

export interface RoleGrant {
  role: string;
  /** The grant holds inside this organisation … */
  orgId: string | null;
  /** … or inside this region and every region below it (GB/T 2260 code). */
  regionCode: string | null;
  /** What the role allows, resolved when the actor is loaded. */
  permissions: readonly string[];
}

export type ActorKind = 'anonymous' | 'staff' | 'citizen' | 'enterprise' | 'app';

/** Who is calling: resolved once per request by identity, checked by every service. */
export interface Actor {
  kind: ActorKind;
  accountId: string | null;
  clientId: string | null;
  displayName: string;
  orgId: string | null;
  regionCode: string | null;
  grants: RoleGrant[];
  permissions: ReadonlySet<string>;
  clearance: Grade;
  sessionId: string | null;
  ip: string;
}

export function anonymousActor(ip: string): Actor {
  return unprivileged('anonymous', null, 'anonymous', ip);
}

/** An app calling with its own credentials (client credentials): no personal rights. */
export function appActor(clientId: string | null, ip: string): Actor {
  return unprivileged('app', clientId, clientId ?? 'app', ip);
}

/**
 * The platform acting on its own (the workflow engine's timers, the sharing module making an
 * approval item): an app actor holding `permissions` platform-wide, named for the history.
 */
export function serviceActor(clientId: string, displayName: string, permissions: readonly string[] = []): Actor {
  return {
    ...unprivileged('app', clientId, displayName, '127.0.0.1'),
    grants: permissions.length ? [{ role: 'platform', orgId: null, regionCode: null, permissions }] : [],
    permissions: new Set(permissions),
    clearance: permissions.length ? 'L4' : 'L1',
  };
}

function unprivileged(kind: ActorKind, clientId: string | null, displayName: string, ip: string): Actor {
  return {
    kind,
    accountId: null,
    clientId,
    displayName,
    orgId: null,
    regionCode: null,
    grants: [],
    permissions: new Set(),
    clearance: 'L1',
    sessionId: null,
    ip,
  };
}

/**
 * GB/T 2260 codes nest by prefix: 330000 浙江省 → "33", 330100 杭州市 → "3301",
 * 330106 西湖区 → "330106", 330106001 (a 街道) → itself.
 */
export function regionPrefix(code: string): string {
  if (code.length === 6) {
    if (code.endsWith('0000')) return code.slice(0, 2);
    if (code.endsWith('00')) return code.slice(0, 4);
  }
  return code;
}

/** Whether a scope at `scopeCode` includes the region `targetCode` (itself or below). */
export function regionCovers(scopeCode: string, targetCode: string): boolean {
  return targetCode.startsWith(regionPrefix(scopeCode));
}
