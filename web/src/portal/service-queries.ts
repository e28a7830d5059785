import { exampleQueries } from './service-format';
import { useMe } from '../shared/auth';
import { useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../shared/api';
import type { AccountKind } from '../shared/api-types';

// The service catalog's public API (server/src/systems/one-stop, docs/ONE-STOP.md).

/** 网办深度: how far a service can be done without going in person. */
export type OnlineDepth = '全程网办' | '跑零次' | '跑一次' | '线下办理';
export type ServiceAudience = 'citizen' | 'enterprise';

/** A service as lists and search answer it. */
export interface ServiceSummary {
  /** 事项编码 */
  code: string;
  name: string;
  /** 事项类型: 行政许可, 公共服务 … */
  type: string;
  orgId: string;
  orgName: string;
  level: 'province' | 'city' | 'county';
  audience: ServiceAudience | 'both';
  theme: string;
  onlineDepth: OnlineDepth;
  /** 法定 / 承诺办结时限, in working days (0 = 即办) */
  statutoryDays: number;
  promisedDays: number;
  materialsToSubmit: number;
  /** materials shared data stands in for: 免提交 */
  materialsExempt: number;
  usageCount: number;
  /** with `q`: the words that matched */
  matched?: string[];
}

export interface ServiceMaterial {
  name: string;
  /** 原件 / 复印件 / 电子件 … */
  form: string;
  required: boolean;
  /** the catalog resource (and field) whose shared data stands in for it */
  /** the data that stands in for it: its resource code, and its name and department where the server names them */
  sharedFrom?: { resource: string; field?: string; resourceName?: string; orgName?: string };
  note?: string;
  exempt: boolean;
}

/** 办事指南: one service's whole guide. */
export interface ServiceGuide extends ServiceSummary {
  /** 设定依据 */
  legalBasis: string;
  /** 受理条件 */
  conditions: string[];
  materials: ServiceMaterial[];
  fees: string;
  /** 办理流程 */
  steps: string[];
  keywords: string[];
  itemId: string | null;
}

interface ServiceList {
  total: number;
  items: ServiceSummary[];
}

/** Search asks for this many: the first screenfuls of a ranked answer. */
const SEARCH_LIMIT = 50;
/** A theme holds tens of services at most; the API answers up to 100. */
const THEME_LIMIT = 100;

export const serviceKeys = {
  search: (q: string, audience: ServiceAudience | undefined) => ['services', 'search', { q, audience }] as const,
  theme: (theme: string, audience: ServiceAudience | undefined) => ['services', 'theme', { theme, audience }] as const,
  guide: (code: string) => ['services', 'guide', code] as const,
};

/** The services an account is offered first: citizens the personal ones, enterprises theirs, staff all. */
export function audienceOf(kind: AccountKind): ServiceAudience | undefined {
  return kind === 'staff' ? undefined : kind;
}

/** The search page's audience filter: `?audience=citizen|enterprise|all`, or else the account's own. */
export function audienceFromParam(param: string | null, kind: AccountKind): ServiceAudience | undefined {
  if (param === 'citizen' || param === 'enterprise') return param;
  if (param === 'all') return undefined;
  return audienceOf(kind);
}

/** Services ranked by how well they answer a plain-Chinese question. */
export function useServiceSearch(q: string, audience: ServiceAudience | undefined) {
  return useQuery({
    queryKey: serviceKeys.search(q, audience),
    queryFn: ({ signal }) => api.get<ServiceList>('/services', { q, audience, limit: SEARCH_LIMIT }, signal),
    enabled: q !== '',
    placeholderData: keepPreviousData,
  });
}

/** A theme tile's services, the most used first. */
export function useThemeServices(theme: string, audience: ServiceAudience | undefined) {
  return useQuery({
    queryKey: serviceKeys.theme(theme, audience),
    queryFn: ({ signal }) => api.get<ServiceList>('/services', { theme, audience, limit: THEME_LIMIT }, signal),
  });
}

export function useServiceGuide(code: string) {
  return useQuery({
    queryKey: serviceKeys.guide(code),
    queryFn: ({ signal }) => api.get<ServiceGuide>(`/services/${encodeURIComponent(code)}`, undefined, signal),
  });
}

/**
 * The search page's state, the same on desktop and phone: the question and the audience switch
 * from the URL (the switch defaults to the account's kind), the results, the example questions.
 */
export function useServiceSearchPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const audience = audienceFromParam(params.get('audience'), me.kind);
  const search = useServiceSearch(q, audience);
  const setAudience = (value: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('audience', value);
      return next;
    });
  return { q, audience, setAudience, search, examples: exampleQueries(me.kind) };
}
