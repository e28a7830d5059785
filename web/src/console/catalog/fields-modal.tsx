import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { CatalogResourceDetail, ReplaceCatalogFieldsInput } from '../../shared/api-types';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { errorMessage } from '../../shared/errors';
import { catalogKeys, LIMITS, resourcePath } from './catalog-queries';
import { FieldEditor } from './field-editor';
import {
  checkFields,
  countProblems,
  fieldProblemsFromError,
  mergeProblems,
  noProblems,
  toFields,
  toRows,
  type EditorRow,
  type FieldProblems,
} from './field-rules';

const saveProps = { 'data-testid': 'catalog-save' } as ButtonProps;

/**
 * 修改字段: the field list of a resource, PUT /catalog/resources/:id/fields with a note on why.
 * A changed list becomes a new version; an unchanged one keeps the version. Mount it to open it.
 */
export function FieldsModal({ resource, onClose }: { resource: CatalogResourceDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ note: string }>();
  const [rows, setRows] = useState<EditorRow[]>(() => toRows(resource.fields));
  const [attempted, setAttempted] = useState(false);
  const [serverProblems, setServerProblems] = useState<FieldProblems>(noProblems);
  const clientProblems = useMemo(
    () => (attempted ? checkFields(rows, resource.openType, t) : noProblems()),
    [attempted, rows, resource.openType, t],
  );

  const save = useMutation({
    mutationFn: (body: ReplaceCatalogFieldsInput) => api.put<CatalogResourceDetail>(`${resourcePath(resource.id)}/fields`, body),
    onSuccess: (saved) => {
      void message.success(
        saved.version === resource.version
          ? t('catalog.form.sameVersion', { version: saved.version })
          : t('catalog.form.newVersion', { version: saved.version }),
      );
      queryClient.setQueryData(catalogKeys.detail(resource.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['catalog', 'resources'] });
      onClose();
    },
    onError: (error) => {
      const problems = fieldProblemsFromError(error, rows);
      setServerProblems(problems ?? noProblems());
      const placed = showServerErrors(form, error, ['note'], t);
      void message.error(problems ? errorMessage(error, t) : (placed ?? t('errors.fixFields')));
    },
  });

  const submit = async () => {
    setAttempted(true);
    setServerProblems(noProblems());
    const problems = checkFields(rows, resource.openType, t);
    let note: string;
    try {
      ({ note } = await form.validateFields());
    } catch {
      void message.error(t('errors.fixFields'));
      return;
    }
    if (countProblems(problems)) {
      void message.error(t('catalog.rules.problems', { n: countProblems(problems) }));
      return;
    }
    save.mutate({ fields: toFields(rows), note: note.trim() });
  };

  return (
    <Modal
      open
      title={t('catalog.form.fieldsTitle', { name: resource.name })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={saveProps}
      onOk={() => void submit()}
      onCancel={onClose}
      maskClosable={false}
      width={1200}
    >
      <FieldEditor
        rows={rows}
        onChange={(next) => {
          setRows(next);
          setServerProblems(noProblems());
        }}
        openType={resource.openType}
        problems={mergeProblems(clientProblems, serverProblems)}
        disabled={save.isPending}
      />
      <Form form={form} layout="vertical" disabled={save.isPending} style={{ marginTop: 16 }}>
        <Form.Item
          name="note"
          label={t('catalog.form.note')}
          extra={t('catalog.form.noteHint')}
          rules={[
            { required: true, whitespace: true, message: t('catalog.form.noteRequired') },
            { max: LIMITS.note, message: t('catalog.form.tooLong', { max: LIMITS.note }) },
          ]}
        >
          <Input.TextArea rows={2} maxLength={LIMITS.note} showCount data-testid="catalog-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
