import type { ComponentType } from 'react';
import {
  AccountBookOutlined,
  AuditOutlined,
  BankOutlined,
  BuildOutlined,
  CarOutlined,
  CompassOutlined,
  CreditCardOutlined,
  EnvironmentOutlined,
  ExceptionOutlined,
  FileTextOutlined,
  GiftOutlined,
  GlobalOutlined,
  HeartOutlined,
  HomeOutlined,
  MedicineBoxOutlined,
  ReadOutlined,
  ShopOutlined,
  SmileOutlined,
  SolutionOutlined,
  ThunderboltOutlined,
  ToolOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { AccountKind } from '../shared/api-types';

type Icon = ComponentType<{ className?: string }>;

/** 数字社会: the 12 public-service domains (DOMAIN.md), for citizens. */
export const CITIZEN_DOMAINS = [
  { key: 'infant', icon: SmileOutlined },
  { key: 'education', icon: ReadOutlined },
  { key: 'employment', icon: SolutionOutlined },
  { key: 'housing', icon: HomeOutlined },
  { key: 'culture', icon: BankOutlined },
  { key: 'sports', icon: TrophyOutlined },
  { key: 'tourism', icon: CompassOutlined },
  { key: 'medical', icon: MedicineBoxOutlined },
  { key: 'elderly', icon: HeartOutlined },
  { key: 'assistance', icon: GiftOutlined },
  { key: 'transport', icon: CarOutlined },
  { key: 'housekeeping', icon: ToolOutlined },
] as const satisfies readonly { key: string; icon: Icon }[];

/** 营商环境: the enterprise life-cycle themes (DOMAIN.md 数字政府), for enterprises. */
export const ENTERPRISE_THEMES = [
  { key: 'startClose', icon: ShopOutlined },
  { key: 'construction', icon: BuildOutlined },
  { key: 'utilities', icon: ThunderboltOutlined },
  { key: 'credit', icon: CreditCardOutlined },
  { key: 'tax', icon: AccountBookOutlined },
  { key: 'invoice', icon: FileTextOutlined },
  { key: 'trade', icon: GlobalOutlined },
  { key: 'contracts', icon: AuditOutlined },
  { key: 'insolvency', icon: ExceptionOutlined },
  { key: 'realEstate', icon: EnvironmentOutlined },
] as const satisfies readonly { key: string; icon: Icon }[];

export type CitizenDomain = (typeof CITIZEN_DOMAINS)[number]['key'];
export type EnterpriseTheme = (typeof ENTERPRISE_THEMES)[number]['key'];

export interface ServiceTile {
  id: string;
  /** the services' `theme` (the API's filter) */
  theme: CitizenDomain | EnterpriseTheme;
  /** i18n key of the tile's name */
  labelKey: `portal.domains.${CitizenDomain}` | `portal.themes.${EnterpriseTheme}`;
  icon: Icon;
}

export function citizenTiles(): ServiceTile[] {
  return CITIZEN_DOMAINS.map((d) => ({ id: `domain-${d.key}`, theme: d.key, labelKey: `portal.domains.${d.key}`, icon: d.icon }));
}

export function enterpriseTiles(): ServiceTile[] {
  return ENTERPRISE_THEMES.map((d) => ({ id: `theme-${d.key}`, theme: d.key, labelKey: `portal.themes.${d.key}`, icon: d.icon }));
}

/** The tiles an account sees first: enterprises get the life-cycle themes, everyone else the 12 domains. */
export function tilesFor(kind: AccountKind): ServiceTile[] {
  return kind === 'enterprise' ? enterpriseTiles() : citizenTiles();
}
