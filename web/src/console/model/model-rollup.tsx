import { CheckCircleFilled } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ModelItemStatus, ModelNode } from '../../shared/api-types';

const MISSING: readonly (keyof ModelItemStatus)[] = ['process', 'form', 'dataNeedsMatched'];

/** red below half, amber below all, green when every item is complete */
export function completionColor(complete: number, items: number): 'red' | 'orange' | 'green' {
  if (complete >= items) return 'green';
  return complete / items < 0.5 ? 'red' : 'orange';
}

/** The V-model roll-up (P5.1): how many of a node's items are complete, as a share and a colour. */
export function RollupCompletion({ node }: { node: ModelNode }) {
  const { t } = useTranslation();
  const { items, complete = 0 } = node.rollup;
  if (!items) return null;
  const percent = Math.floor((Math.min(complete, items) / items) * 100);
  return (
    <Tooltip title={t('consoleWorkflow.model.completeHint', { complete, items })}>
      <Tag
        color={completionColor(complete, items)}
        data-testid={`model-rollup-${node.id}`}
        data-complete={complete}
        data-items={items}
        data-percent={percent}
      >
        {t('consoleWorkflow.model.complete', { percent })}
      </Tag>
    </Tooltip>
  );
}

/** An item: a green tick when it is complete, otherwise what it still lacks. */
export function ItemCompleteness({ node }: { node: ModelNode }) {
  const { t } = useTranslation();
  const status = node.itemStatus;
  if (!status) return null;
  const missing = MISSING.filter((part) => !status[part]);
  if (!missing.length)
    return (
      <Tooltip title={t('consoleWorkflow.model.itemComplete')}>
        <CheckCircleFilled
          className="zl-model-complete"
          data-testid={`model-item-complete-${node.id}`}
          aria-label={t('consoleWorkflow.model.itemComplete')}
        />
      </Tooltip>
    );
  return (
    <span className="zl-model-missing" data-testid={`model-item-missing-${node.id}`}>
      {missing.map((part) => (
        <Tag key={part} color="warning" bordered={false} data-missing={part}>
          {t(`consoleWorkflow.model.missing.${part}`)}
        </Tag>
      ))}
    </span>
  );
}
