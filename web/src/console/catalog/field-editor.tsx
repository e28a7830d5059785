import { useState, type HTMLAttributes } from 'react';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, ConfigProvider, Input, Select, Space, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CatalogFieldType, CatalogOpenType, DataGrade } from '../../shared/api-types';
import { FIELD_TYPES, GRADES, LIMITS } from './catalog-queries';
import { GradeTag } from './catalog-tags';
import { blankRow, gradeAtLeast, MINIMUM_GRADE, type EditorRow, type FieldColumn, type FieldProblems } from './field-rules';

/** The problems listed above the table: the general ones, then each row's, numbered as shown. */
function problemLines(rows: readonly EditorRow[], problems: FieldProblems, t: TFunction): string[] {
  const lines = [...problems.general];
  rows.forEach((row, index) => {
    const name = row.name.trim();
    const where = name ? t('catalog.field.rowNamed', { n: index + 1, name }) : t('catalog.field.row', { n: index + 1 });
    for (const problem of problems.rows.get(row.uid) ?? []) {
      // the server's message already names the field; say it once
      if (!lines.includes(problem.message)) lines.push(`${where}：${problem.message}`);
    }
  });
  return lines;
}

/**
 * The editable field list of a data resource (登记资源, 修改字段): each row a field's name,
 * 中文名, type, grade, key and required marks and description, with rows added, removed and
 * moved. Rows with a problem are marked and their problems listed above the table.
 */
export function FieldEditor({
  rows,
  onChange,
  openType,
  problems,
  disabled,
}: {
  rows: EditorRow[];
  onChange: (rows: EditorRow[]) => void;
  openType: CatalogOpenType | undefined;
  problems: FieldProblems;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [added, setAdded] = useState<string | null>(null);

  const update = (uid: string, patch: Partial<EditorRow>) => onChange(rows.map((row) => (row.uid === uid ? { ...row, ...patch } : row)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rows];
    const [row] = next.splice(index, 1);
    next.splice(index + by, 0, row!);
    onChange(next);
  };
  const add = () => {
    const row = blankRow(openType === 'open' ? 'L1' : 'L2');
    setAdded(row.uid);
    onChange([...rows, row]);
  };
  // A personal identifier goes up to its minimum grade as soon as it is chosen.
  const changeType = (row: EditorRow, type: CatalogFieldType) => {
    const minimum = MINIMUM_GRADE[type];
    update(row.uid, { type, ...(minimum && !gradeAtLeast(row.grade, minimum) ? { grade: minimum } : {}) });
  };

  const status = (row: EditorRow, column: FieldColumn) =>
    problems.rows.get(row.uid)?.some((problem) => problem.column === column) ? ('error' as const) : undefined;
  const typeOptions = FIELD_TYPES.map((value) => ({ value, label: t(`catalog.fieldTypes.${value}`) }));
  const gradeOptions = GRADES.map((value) => ({ value, label: <GradeTag grade={value} /> }));

  const columns: TableColumnsType<EditorRow> = [
    { title: '#', key: 'index', width: 44, render: (_, __, index) => index + 1 },
    {
      title: t('catalog.field.name'),
      key: 'name',
      width: 170,
      render: (_, row, index) => (
        <Input
          value={row.name}
          status={status(row, 'name')}
          placeholder={t('catalog.field.namePlaceholder')}
          maxLength={63}
          autoFocus={row.uid === added}
          className="zl-mono"
          onChange={(event) => update(row.uid, { name: event.target.value })}
          data-testid={`field-name-${index}`}
        />
      ),
    },
    {
      title: t('catalog.field.label'),
      key: 'label',
      width: 160,
      render: (_, row, index) => (
        <Input
          value={row.label}
          status={status(row, 'label')}
          placeholder={t('catalog.field.labelPlaceholder')}
          maxLength={LIMITS.fieldLabel}
          onChange={(event) => update(row.uid, { label: event.target.value })}
          data-testid={`field-label-${index}`}
        />
      ),
    },
    {
      title: t('catalog.field.type'),
      key: 'type',
      width: 170,
      render: (_, row, index) => (
        <Select<CatalogFieldType>
          value={row.type}
          status={status(row, 'type')}
          options={typeOptions}
          onChange={(type) => changeType(row, type)}
          style={{ width: '100%' }}
          data-testid={`field-type-${index}`}
        />
      ),
    },
    {
      title: t('catalog.field.grade'),
      key: 'grade',
      width: 150,
      render: (_, row, index) => (
        <Select<DataGrade>
          value={row.grade}
          status={status(row, 'grade')}
          options={gradeOptions}
          onChange={(grade) => update(row.uid, { grade })}
          style={{ width: '100%' }}
          data-testid={`field-grade-${index}`}
        />
      ),
    },
    {
      title: <Tooltip title={t('catalog.field.keyHint')}>{t('catalog.field.key')}</Tooltip>,
      key: 'key',
      width: 64,
      align: 'center',
      render: (_, row, index) => (
        <Checkbox
          checked={row.key}
          onChange={(event) => update(row.uid, { key: event.target.checked })}
          aria-label={t('catalog.field.key')}
          data-testid={`field-key-${index}`}
        />
      ),
    },
    {
      title: t('catalog.field.required'),
      key: 'required',
      width: 64,
      align: 'center',
      render: (_, row, index) => (
        <Checkbox
          checked={row.required}
          onChange={(event) => update(row.uid, { required: event.target.checked })}
          aria-label={t('catalog.field.required')}
          data-testid={`field-required-${index}`}
        />
      ),
    },
    {
      title: t('catalog.field.description'),
      key: 'description',
      render: (_, row, index) => (
        <Input
          value={row.description}
          status={status(row, 'description')}
          maxLength={LIMITS.fieldDescription}
          onChange={(event) => update(row.uid, { description: event.target.value })}
          data-testid={`field-description-${index}`}
        />
      ),
    },
    {
      title: t('catalog.field.actions'),
      key: 'actions',
      width: 112,
      render: (_, row, index) => (
        <Space size={0}>
          <Tooltip title={t('catalog.field.moveUp')}>
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={index === 0}
              onClick={() => move(index, -1)}
              aria-label={t('catalog.field.moveUp')}
              data-testid={`field-up-${index}`}
            />
          </Tooltip>
          <Tooltip title={t('catalog.field.moveDown')}>
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={index === rows.length - 1}
              onClick={() => move(index, 1)}
              aria-label={t('catalog.field.moveDown')}
              data-testid={`field-down-${index}`}
            />
          </Tooltip>
          <Tooltip title={t('catalog.field.remove')}>
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              onClick={() => onChange(rows.filter((other) => other.uid !== row.uid))}
              aria-label={t('catalog.field.remove')}
              data-testid={`field-remove-${index}`}
            />
          </Tooltip>
        </Space>
      ),
    },
  ];

  const lines = problemLines(rows, problems, t);
  return (
    <div data-testid="catalog-field-editor">
      <div className="zl-catalog-editor-head">
        <Typography.Text type="secondary">
          {t('catalog.field.count', { n: rows.length })} · {t('catalog.field.keyHint')}
        </Typography.Text>
      </div>
      {lines.length ? (
        <Alert
          type="error"
          showIcon
          className="zl-catalog-problems"
          message={t('catalog.rules.problems', { n: lines.length })}
          description={
            <ul>
              {lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          }
          data-testid="catalog-field-problems"
        />
      ) : null}
      <ConfigProvider componentDisabled={disabled}>
        <Table<EditorRow>
          dataSource={rows}
          columns={columns}
          rowKey="uid"
          size="small"
          pagination={false}
          scroll={{ x: 1100 }}
          rowClassName={(row) => (problems.rows.has(row.uid) ? 'zl-catalog-row-error' : '')}
          onRow={(row, index) =>
            ({
              'data-testid': `catalog-editor-row-${index ?? 0}`,
              'data-invalid': problems.rows.has(row.uid) ? 'true' : undefined,
            }) as HTMLAttributes<HTMLElement>
          }
        />
      </ConfigProvider>
      <Button
        type="dashed"
        block
        icon={<PlusOutlined />}
        onClick={add}
        disabled={disabled}
        style={{ marginTop: 8 }}
        data-testid="catalog-add-field"
      >
        {t('catalog.field.add')}
      </Button>
    </div>
  );
}
