import type { Generated } from 'kysely';
import type { Executor } from '../../kernel/index.ts';

export interface IdentityTables {
  regions: { code: string; name: string; level: string; parent_code: string | null };
  orgs: {
    id: string;
    slug: string | null;
    name: string;
    kind: string;
    region_code: string;
    parent_org_id: string | null;
    created_at: string;
    updated_at: string;
  };
  org_units: { id: string; org_id: string; slug: string | null; name: string; parent_unit_id: string | null; created_at: string };
  accounts: {
    id: string;
    kind: 'staff' | 'citizen' | 'enterprise';
    username: string;
    display_name: string;
    id_number: string | null;
    phone: string | null;
    region_code: string | null;
    org_id: string | null;
    unit_id: string | null;
    position: string | null;
    email: string | null;
    name_pinyin: string | null;
    public_contact: boolean;
    status: 'active' | 'disabled';
    password_hash: string;
    must_change_password: boolean;
    clearance: 'L1' | 'L2' | 'L3' | 'L4';
    real_name_level: number;
    created_at: string;
    last_login_at: string | null;
  };
  role_grants: {
    id: string;
    account_id: string;
    role: string;
    org_id: string | null;
    region_code: string | null;
    created_at: Generated<string>;
  };
  sessions: {
    token_hash: string;
    id: string;
    account_id: string;
    csrf_token: string;
    created_at: string;
    expires_at: string;
    last_seen_at: string;
    ip: string | null;
    user_agent: string | null;
    ended_at: string | null;
  };
  login_throttle: { username: string; failures: number; locked_until: string | null; last_failure_at: string | null };
  login_failures_by_ip: { ip: string; at: string };
}

export type IdentityDb = Executor<IdentityTables>;
export const idb = (db: Executor): IdentityDb => db as IdentityDb;
