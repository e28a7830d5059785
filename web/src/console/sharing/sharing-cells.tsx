import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../shared/auth';
import type { ModelNode } from '../../shared/api-types';
import { useResource } from '../catalog/catalog-queries';
import { GradeTag } from '../catalog/catalog-tags';
import { useOrgDetail } from '../console-queries';
import { useModelTree } from '../model/model-queries';
import { instanceText, useApprovalInstance } from './sharing-queries';

// The names a request or grant refers to by id, each looked up where the viewer may read it
// (the catalog for resources and fields, the organisation, the consumer's V-model) and, on the
// owner's side, from the approval's variables when the consumer's records are out of reach.

function findNode(nodes: readonly ModelNode[], id: string): ModelNode | undefined {
  for (const node of nodes) {
    if (node.id === id) return node;
    const found = findNode(node.children, id);
    if (found) return found;
  }
  return undefined;
}

function Id({ id }: { id: string }) {
  return (
    <Typography.Text type="secondary" className="zl-mono" style={{ fontSize: '0.85em' }}>
      {id}
    </Typography.Text>
  );
}

/** A resource's name with its code below (its id until the catalog answers). */
export function ResourceName({ resourceId }: { resourceId: string }) {
  const resource = useResource(resourceId);
  if (!resource.data) return <Id id={resourceId} />;
  return (
    <div>
      <div>{resource.data.name}</div>
      <Typography.Text type="secondary" className="zl-mono" style={{ fontSize: '0.85em', whiteSpace: 'nowrap' }}>
        {resource.data.code}
      </Typography.Text>
    </div>
  );
}

/** 数据提供方: the resource's organisation, as the catalog names it. */
export function OwnerName({ resourceId, orgId }: { resourceId: string; orgId?: string }) {
  const resource = useResource(resourceId);
  if (resource.data) return <>{resource.data.orgName}</>;
  return orgId ? <Id id={orgId} /> : <Typography.Text type="secondary">—</Typography.Text>;
}

/** 申请单位: the viewer's own organisation, one it may read, or as the approval names it. */
export function ConsumerName({ orgId, instanceId }: { orgId: string; instanceId: string | null }) {
  const me = useMe();
  const own = orgId === me.orgId;
  const org = useOrgDetail(own ? null : orgId);
  const instance = useApprovalInstance(instanceId, org.isError);
  if (own) return <>{me.orgName ?? orgId}</>;
  const name = org.data?.name ?? instanceText(instance.data, 'consumer');
  return name ? <>{name}</> : <Id id={orgId} />;
}

/** 业务事项: from the consumer's V-model, or as the approval names it. */
export function ItemName({ orgId, itemId, instanceId }: { orgId: string; itemId: string; instanceId?: string | null }) {
  const tree = useModelTree(orgId);
  const node = tree.data ? findNode(tree.data.nodes, itemId) : undefined;
  const unknown = tree.isError || (tree.isSuccess && !node);
  const instance = useApprovalInstance(instanceId ?? null, unknown);
  const name = node?.name ?? instanceText(instance.data, 'consumerItem');
  return name ? <>{name}</> : <Id id={itemId} />;
}

/** The requested fields: Chinese label and grade from the catalog (a field no longer there by its name). */
export function FieldList({ resourceId, fields, max }: { resourceId: string; fields: readonly string[]; max?: number }) {
  const { t } = useTranslation();
  const resource = useResource(resourceId);
  const byName = new Map((resource.data?.fields ?? []).map((field) => [field.name, field]));
  const shown = max !== undefined && fields.length > max ? fields.slice(0, max) : fields;
  return (
    <Space direction="vertical" size={2} data-testid="sharing-fields">
      {shown.map((name) => {
        const field = byName.get(name);
        return (
          <span key={name} data-field={name} style={{ whiteSpace: 'nowrap' }}>
            {field ? (
              <>
                <span title={name}>{field.label}</span> <GradeTag grade={field.grade} />
              </>
            ) : (
              <span className="zl-mono" title={resource.data ? t('sharing.detail.notInCatalog') : undefined}>
                {name}
              </span>
            )}
          </span>
        );
      })}
      {shown.length < fields.length ? (
        <Typography.Text type="secondary">{t('sharing.list.moreFields', { n: fields.length })}</Typography.Text>
      ) : null}
    </Space>
  );
}
