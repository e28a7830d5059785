import { Col, Form, Input, Row, Select, type FormRule } from 'antd';
import { useTranslation } from 'react-i18next';
import type {
  CatalogDomain,
  CatalogOpenType,
  CatalogShareType,
  CatalogUpdateFrequency,
  UpdateCatalogResourceInput,
} from '../../shared/api-types';
import { DOMAINS, LIMITS, OPEN_TYPES, SHARE_TYPES, UPDATE_FREQUENCIES } from './catalog-queries';

/** The metadata a resource's form edits (registering adds the owner and the code). */
export interface MetadataValues {
  name: string;
  description?: string;
  domain: CatalogDomain;
  shareType: CatalogShareType;
  openType: CatalogOpenType;
  updateFrequency: CatalogUpdateFrequency;
  sourceSystem?: string;
}

export const METADATA_FIELDS = ['name', 'description', 'domain', 'shareType', 'openType', 'updateFrequency', 'sourceSystem'] as const;

/** The metadata as the server takes it (trimmed; empty texts as ''). */
export function metadataInput(values: MetadataValues): Required<UpdateCatalogResourceInput> {
  return {
    name: values.name.trim(),
    description: values.description?.trim() ?? '',
    domain: values.domain,
    shareType: values.shareType,
    openType: values.openType,
    updateFrequency: values.updateFrequency,
    sourceSystem: values.sourceSystem?.trim() ?? '',
  };
}

/** 名称, 数据域, 共享属性, 开放属性, 更新频率, 来源系统, 描述: the form items of 登记资源 and 编辑信息. */
export function MetadataItems({ openTypeRules = [] }: { openTypeRules?: FormRule[] }) {
  const { t } = useTranslation();
  const tooLong = (max: number): FormRule => ({ max, message: t('catalog.form.tooLong', { max }) });
  return (
    <>
      <Form.Item
        name="name"
        label={t('catalog.resource.name')}
        rules={[{ required: true, whitespace: true, message: t('catalog.form.nameRequired') }, tooLong(LIMITS.name)]}
      >
        <Input maxLength={LIMITS.name} data-testid="catalog-form-name" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="domain" label={t('catalog.resource.domain')} rules={[{ required: true }]}>
            <Select<CatalogDomain>
              options={DOMAINS.map((value) => ({ value, label: t(`catalog.domains.${value}`) }))}
              data-testid="catalog-form-domain"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="shareType" label={t('catalog.resource.shareType')} rules={[{ required: true }]}>
            <Select<CatalogShareType>
              options={SHARE_TYPES.map((value) => ({ value, label: t(`catalog.shareTypes.${value}`) }))}
              data-testid="catalog-form-share"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="openType" label={t('catalog.resource.openType')} rules={[{ required: true }, ...openTypeRules]}>
            <Select<CatalogOpenType>
              options={OPEN_TYPES.map((value) => ({ value, label: t(`catalog.openTypes.${value}`) }))}
              data-testid="catalog-form-open"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Form.Item name="updateFrequency" label={t('catalog.resource.updateFrequency')} rules={[{ required: true }]}>
            <Select<CatalogUpdateFrequency>
              options={UPDATE_FREQUENCIES.map((value) => ({ value, label: t(`catalog.frequencies.${value}`) }))}
              data-testid="catalog-form-frequency"
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="sourceSystem" label={t('catalog.resource.sourceSystem')} rules={[tooLong(LIMITS.sourceSystem)]}>
        <Input maxLength={LIMITS.sourceSystem} placeholder={t('catalog.form.sourceSystemPlaceholder')} data-testid="catalog-form-source" />
      </Form.Item>
      <Form.Item name="description" label={t('catalog.resource.description')} rules={[tooLong(LIMITS.description)]}>
        <Input.TextArea rows={2} maxLength={LIMITS.description} showCount data-testid="catalog-form-description" />
      </Form.Item>
    </>
  );
}
