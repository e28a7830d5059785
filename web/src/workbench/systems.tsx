import type { ComponentType } from 'react';
import {
  ApartmentOutlined,
  BankOutlined,
  ClusterOutlined,
  FundOutlined,
  ReadOutlined,
  SafetyOutlined,
  TeamOutlined,
} from '@ant-design/icons';

/** The systems of SPEC §3 (S1–S7), shown in the app launcher until each ships. */
export const SYSTEMS = [
  { id: 'S1', icon: ApartmentOutlined },
  { id: 'S2', icon: BankOutlined },
  { id: 'S3', icon: FundOutlined },
  { id: 'S4', icon: TeamOutlined },
  { id: 'S5', icon: ReadOutlined },
  { id: 'S6', icon: SafetyOutlined },
  { id: 'S7', icon: ClusterOutlined },
] as const satisfies readonly { id: string; icon: ComponentType }[];
