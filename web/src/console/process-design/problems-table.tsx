import type { HTMLAttributes } from 'react';
import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProcessProblem } from '../../shared/api-types';
import { shortType } from './bpmn-services';

/** 校验结果: one row per problem; a row with an element selects it in the diagram when clicked. */
export function ProblemsTable({ problems, onSelect }: { problems: ProcessProblem[]; onSelect: (elementId: string) => void }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ProcessProblem> = [
    {
      title: t('consoleWorkflow.designer.problems.element'),
      dataIndex: 'elementId',
      key: 'elementId',
      width: 200,
      render: (id: string | null) =>
        id ? (
          <span className="zl-mono">{id}</span>
        ) : (
          <Typography.Text type="secondary">{t('consoleWorkflow.designer.problems.whole')}</Typography.Text>
        ),
    },
    {
      title: t('consoleWorkflow.designer.problems.type'),
      dataIndex: 'elementType',
      key: 'elementType',
      width: 180,
      render: (type: string | null) => (type ? <Tag>{shortType(type)}</Tag> : '—'),
    },
    {
      title: t('consoleWorkflow.designer.problems.message'),
      key: 'message',
      render: (_, problem) => (
        <span>
          {problem.message || problem.code}
          {problem.message ? null : problem.detail ? ` (${problem.detail})` : null}
        </span>
      ),
    },
  ];
  return (
    <Table<ProcessProblem>
      size="small"
      columns={columns}
      dataSource={problems}
      rowKey={(problem) => problems.indexOf(problem)}
      pagination={false}
      rowClassName={(problem) => (problem.elementId ? 'zl-process-problem-row zl-clickable' : 'zl-process-problem-row')}
      onRow={(problem) =>
        ({
          onClick: () => problem.elementId && onSelect(problem.elementId),
          'data-testid': 'process-problem-row',
          'data-element-id': problem.elementId ?? '',
        }) as HTMLAttributes<HTMLElement>
      }
      footer={() => <Typography.Text type="secondary">{t('consoleWorkflow.designer.problems.hint')}</Typography.Text>}
      data-testid="process-problems"
    />
  );
}
