import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIGHT_TAG_COLORS, lightLabel, type InstructionSummary, type Priority } from '../instructions';

// Tags of the desktop 批示 pages (antd).

/** 红黄绿灯 as a coloured tag. */
export function LightTag({ item }: { item: Pick<InstructionSummary, 'light' | 'onTime'> }) {
  const { t } = useTranslation();
  return (
    <Tag color={LIGHT_TAG_COLORS[item.light]} data-testid="instruction-light" data-light={item.light} style={{ marginInlineEnd: 0 }}>
      {lightLabel(item, t)}
    </Tag>
  );
}

const PRIORITY_COLORS: Record<Priority, string> = { normal: 'default', important: 'orange', urgent: 'red' };

/** 重要 / 紧急 (nothing for a normal one unless `always`). */
export function PriorityTag({ priority, always = false }: { priority: Priority; always?: boolean }) {
  const { t } = useTranslation();
  if (priority === 'normal' && !always) return null;
  return (
    <Tag color={PRIORITY_COLORS[priority]} data-testid="instruction-priority" data-priority={priority}>
      {t(`workbench.instructions.priority.${priority}`)}
    </Tag>
  );
}
