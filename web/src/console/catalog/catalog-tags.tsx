import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CatalogOpenType, CatalogShareType, DataGrade } from '../../shared/api-types';

const GRADE_COLORS: Record<DataGrade, string> = { L1: 'green', L2: 'blue', L3: 'orange', L4: 'red' };

/** 数据分级: L1 公开 (green), L2 内部 (blue), L3 敏感 (orange), L4 重要敏感 (red). */
export function GradeTag({ grade, testId }: { grade: DataGrade; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={GRADE_COLORS[grade]} data-testid={testId} data-grade={grade}>
      {grade} {t(`catalog.grades.${grade}`)}
    </Tag>
  );
}

const AVAILABILITY_COLORS: Record<CatalogShareType | CatalogOpenType, string> = {
  unconditional: 'green',
  open: 'green',
  conditional: 'gold',
  none: 'default',
};

/** 共享属性: 无条件共享 (green), 有条件共享 (gold), 不予共享. */
export function ShareTypeTag({ value }: { value: CatalogShareType }) {
  const { t } = useTranslation();
  return <Tag color={AVAILABILITY_COLORS[value]}>{t(`catalog.shareTypes.${value}`)}</Tag>;
}

/** 开放属性: 无条件开放 (green), 有条件开放 (gold), 不予开放. */
export function OpenTypeTag({ value }: { value: CatalogOpenType }) {
  const { t } = useTranslation();
  return <Tag color={AVAILABILITY_COLORS[value]}>{t(`catalog.openTypes.${value}`)}</Tag>;
}
