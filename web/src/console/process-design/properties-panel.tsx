import { Button, Empty, Form, Input, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { shortType, type BpmnFactory, type DiagramElement, type Modeling, type ServiceSource } from './bpmn-services';

interface TaskValues {
  name: string;
  candidateGroups: string;
  assignee: string;
  formKey: string;
}

interface FlowValues {
  name: string;
  condition: string;
}

/** A Camunda attribute, or the same attribute under another engine's prefix (flowable:, activiti:). */
function vendorAttr(element: DiagramElement, name: string): string {
  const business = element.businessObject;
  const camunda = business.get(`camunda:${name}`);
  if (typeof camunda === 'string' && camunda) return camunda;
  const other = Object.entries(business.$attrs ?? {}).find(([key]) => key.endsWith(`:${name}`));
  return other?.[1] ?? '';
}

interface FormProps {
  element: DiagramElement;
  diagram: ServiceSource;
  readOnly: boolean;
}

const orUndefined = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

function UserTaskForm({ element, diagram, readOnly }: FormProps) {
  const { t } = useTranslation();
  const initial: TaskValues = {
    name: element.businessObject.name ?? '',
    candidateGroups: vendorAttr(element, 'candidateGroups'),
    assignee: vendorAttr(element, 'assignee'),
    formKey: vendorAttr(element, 'formKey'),
  };
  const apply = (values: TaskValues) =>
    diagram.get<Modeling>('modeling').updateProperties(element, {
      name: orUndefined(values.name),
      'camunda:candidateGroups': orUndefined(
        values.candidateGroups
          .split(/[,，]/)
          .map((group) => group.trim())
          .filter(Boolean)
          .join(','),
      ),
      'camunda:assignee': orUndefined(values.assignee),
      'camunda:formKey': orUndefined(values.formKey),
    });
  return (
    <Form<TaskValues>
      layout="vertical"
      size="small"
      initialValues={initial}
      onFinish={apply}
      disabled={readOnly}
      data-testid="process-props-task"
    >
      <Form.Item name="name" label={t('consoleWorkflow.designer.props.name')}>
        <Input data-testid="process-props-name" />
      </Form.Item>
      <Form.Item
        name="candidateGroups"
        label={t('consoleWorkflow.designer.props.candidateGroups')}
        extra={t('consoleWorkflow.designer.props.candidateGroupsHelp')}
      >
        <Input className="zl-mono" data-testid="process-props-candidate-groups" />
      </Form.Item>
      <Form.Item
        name="assignee"
        label={t('consoleWorkflow.designer.props.assignee')}
        extra={t('consoleWorkflow.designer.props.assigneeHelp')}
      >
        <Input className="zl-mono" data-testid="process-props-assignee" />
      </Form.Item>
      <Form.Item name="formKey" label={t('consoleWorkflow.designer.props.formKey')} extra={t('consoleWorkflow.designer.props.formKeyHelp')}>
        <Input className="zl-mono" data-testid="process-props-form-key" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block data-testid="process-props-apply">
        {t('consoleWorkflow.designer.props.apply')}
      </Button>
    </Form>
  );
}

function SequenceFlowForm({ element, diagram, readOnly }: FormProps) {
  const { t } = useTranslation();
  const initial: FlowValues = {
    name: element.businessObject.name ?? '',
    condition: element.businessObject.conditionExpression?.body ?? '',
  };
  const apply = (values: FlowValues) => {
    const condition = orUndefined(values.condition);
    diagram.get<Modeling>('modeling').updateProperties(element, {
      name: orUndefined(values.name),
      conditionExpression: condition
        ? diagram.get<BpmnFactory>('bpmnFactory').create('bpmn:FormalExpression', { body: condition })
        : undefined,
    });
  };
  return (
    <Form<FlowValues>
      layout="vertical"
      size="small"
      initialValues={initial}
      onFinish={apply}
      disabled={readOnly}
      data-testid="process-props-flow"
    >
      <Form.Item name="name" label={t('consoleWorkflow.designer.props.name')}>
        <Input data-testid="process-props-name" />
      </Form.Item>
      <Form.Item
        name="condition"
        label={t('consoleWorkflow.designer.props.condition')}
        extra={t('consoleWorkflow.designer.props.conditionHelp')}
      >
        <Input.TextArea className="zl-mono" autoSize={{ minRows: 2, maxRows: 6 }} data-testid="process-props-condition" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block data-testid="process-props-apply">
        {t('consoleWorkflow.designer.props.apply')}
      </Button>
    </Form>
  );
}

/**
 * 属性: the selected user task's name, candidate roles, assignee and form key, or a sequence
 * flow's condition — written into the diagram with `modeling.updateProperties` (so undo works).
 * The parent remounts it (by key) whenever the selection or the element changes.
 */
export function PropertiesPanel({
  element,
  diagram,
  readOnly,
}: {
  element: DiagramElement | null;
  diagram: ServiceSource | null;
  readOnly: boolean;
}) {
  const { t } = useTranslation();
  if (!element || !diagram) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('consoleWorkflow.designer.props.empty')} />;
  const type = element.businessObject.$type;
  const form =
    type === 'bpmn:UserTask' ? (
      <UserTaskForm element={element} diagram={diagram} readOnly={readOnly} />
    ) : type === 'bpmn:SequenceFlow' ? (
      <SequenceFlowForm element={element} diagram={diagram} readOnly={readOnly} />
    ) : (
      <Typography.Text type="secondary">{t('consoleWorkflow.designer.props.unsupported')}</Typography.Text>
    );
  return (
    <div data-testid="process-props" data-element-id={element.id}>
      <div className="zl-process-props-head">
        <Tag color="blue">
          {type === 'bpmn:UserTask'
            ? t('consoleWorkflow.designer.props.userTask')
            : type === 'bpmn:SequenceFlow'
              ? t('consoleWorkflow.designer.props.sequenceFlow')
              : shortType(type)}
        </Tag>
        <Typography.Text className="zl-mono" copyable>
          {element.id}
        </Typography.Text>
      </div>
      {form}
    </div>
  );
}
