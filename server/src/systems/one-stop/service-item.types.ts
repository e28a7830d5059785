import type { FormFieldKey } from './application-form.ts';

/**
 * 政务服务事项 (S2.1): one service as its 办事指南 describes it. The types are shared by the
 * demo pack (which writes the guides) and the one-stop system (which stores and serves them).
 */
export const serviceTypes = ['行政许可', '行政确认', '行政给付', '行政裁决', '行政奖励', '行政备案', '其他行政权力', '公共服务'] as const;
export type ServiceType = (typeof serviceTypes)[number];

export const serviceLevels = ['province', 'city', 'county'] as const;
export type ServiceLevel = (typeof serviceLevels)[number];

/** 网办深度: how far it can be done without going in person. */
export const onlineDepths = ['全程网办', '跑零次', '跑一次', '线下办理'] as const;
export type OnlineDepth = (typeof onlineDepths)[number];

/** The Portal's tiles: a citizen's 12 life domains, an enterprise's 10 life-cycle themes. */
export const serviceThemes = [
  'infant',
  'education',
  'employment',
  'housing',
  'culture',
  'sports',
  'tourism',
  'medical',
  'elderly',
  'assistance',
  'transport',
  'housekeeping',
  'startClose',
  'construction',
  'utilities',
  'credit',
  'tax',
  'invoice',
  'trade',
  'contracts',
  'insolvency',
  'realEstate',
] as const;
export type ServiceTheme = (typeof serviceThemes)[number];

export interface ServiceMaterial {
  name: string;
  /** 原件 / 复印件 / 电子件 … */
  form: string;
  required: boolean;
  /** 免提交: the shared data that stands in for it — a catalog resource code (and field) — so the applicant need not submit it */
  sharedFrom?: { resource: string; field?: string } | undefined;
  note?: string | undefined;
}

export interface ServiceGuide {
  /** 事项编码, unique: e.g. 330000-WJ-XK-001 */
  code: string;
  name: string;
  type: ServiceType;
  /** the handling organisation's demo slug (zj-wjw, hz-…) */
  org: string;
  level: ServiceLevel;
  /** 服务对象 */
  audience: 'citizen' | 'enterprise' | 'both';
  /** 设定依据 */
  legalBasis: string;
  /** 受理条件 */
  conditions: string[];
  materials: ServiceMaterial[];
  /** 法定办结时限 and 承诺办结时限, in working days (0 = 即办) */
  statutoryDays: number;
  promisedDays: number;
  /** 收费: '不收费' or the fee and its basis */
  fees: string;
  onlineDepth: OnlineDepth;
  /** 办理流程, in steps as the guide lists them */
  steps: string[];
  /** how people ask for it in plain words: 生孩子, 开饭店 … (search synonyms) */
  keywords: string[];
  /** 主题: the Portal's tiles (web/src/portal/service-themes.tsx) */
  theme: ServiceTheme;
  /** the application's questions, keys of the shared vocabulary (application-form.ts); none: the default ones */
  form?: FormFieldKey[] | undefined;
  /** the result issued on approval as a signed e-certificate (电子证照): its name and the form fields printed on it */
  result?: { certificate: string; fields: FormFieldKey[] } | undefined;
  /** organisations that countersign 会签 before the result is issued (demo: slugs; API: org ids) */
  countersignOrgs?: string[] | undefined;
}

/** 一件事: services a life event needs, applied for once (S2.2). */
export interface ServiceBundle {
  code: string;
  name: string;
  audience: 'citizen' | 'enterprise';
  theme: ServiceTheme;
  description: string;
  /** service codes */
  parts: string[];
  keywords: string[];
}
