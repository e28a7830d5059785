import { Button, List, Tabs } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { hasPermission, useMe } from '../../shared/auth';
import { MobileEmpty, MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { useInstructions, type InstructionView } from '../instructions';
import { MobileInstructionItem } from './mobile-instruction-parts';
import '../instructions.css';

function MobileInstructionList({ view }: { view: InstructionView }) {
  const { t } = useTranslation();
  const list = useInstructions(view);
  if (list.isPending) return <MobileLoading />;
  if (list.isError) return <MobileError error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data.length) return <MobileEmpty title={t(`workbench.instructions.empty.${view}`)} />;
  return (
    <List data-testid={`instruction-list-${view}`}>
      {list.data.map((item) => (
        <MobileInstructionItem key={item.id} item={item} />
      ))}
    </List>
  );
}

/** 批示 on a phone (`/m/workbench/instructions?view=`): 待我办理 / 我下达的 / 督办, each row with its light and deadline. */
export function MobileInstructionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const views: InstructionView[] = [
    'mine',
    ...(hasPermission(me, 'instruction.issue') ? (['issued'] as const) : []),
    ...(hasPermission(me, 'instruction.supervise') ? (['supervised'] as const) : []),
  ];
  const asked = params.get('view') as InstructionView | null;
  const view = asked && views.includes(asked) ? asked : 'mine';
  return (
    <div data-testid="instructions-page">
      <Tabs
        activeKey={view}
        onChange={(key) => setParams(key === 'mine' ? {} : { view: key }, { replace: true })}
        style={{ background: '#fff' }}
      >
        {views.map((key) => (
          <Tabs.Tab key={key} title={<span data-testid={`instruction-tab-${key}`}>{t(`workbench.instructions.tabs.${key}`)}</span>}>
            {key === view ? <MobileInstructionList view={key} /> : null}
          </Tabs.Tab>
        ))}
      </Tabs>
      {hasPermission(me, 'instruction.issue') ? (
        <div style={{ padding: '8px 16px' }}>
          <Button block color="primary" onClick={() => navigate('/m/workbench/instructions/new')} data-testid="mobile-issue-open">
            {t('workbench.instructions.mobile.issue')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
