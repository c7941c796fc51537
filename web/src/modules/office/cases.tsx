import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUrlState } from '../../kernel/url-state';
import { Page } from '../../kernel/components/PageHeader';
import { RectificationTab } from './RectificationTab';
import { VacateTab } from './VacateTab';
import { RequestsTab } from './RequestsTab';
import { FollowUpTab } from './FollowUpTab';

/** 整改、腾退与申请: the cases the rules open, and the organs' requests. */
export default function CasesPage() {
  const { t } = useTranslation();
  const url = useUrlState();
  const tab = url.get('tab') ?? 'rectification';
  return (
    <Page id="office-cases" title={t('office.nav.cases')}>
      <Tabs activeKey={tab} onChange={(k) => url.set({ tab: k === 'rectification' ? undefined : k })} destroyOnHidden
        items={[
          { key: 'rectification', label: t('office.tabs.rectification'), children: <RectificationTab /> },
          { key: 'vacate', label: t('office.tabs.vacate'), children: <VacateTab /> },
          { key: 'requests', label: t('office.tabs.requests'), children: <RequestsTab /> },
          { key: 'followup', label: t('office.tabs.followup'), children: <FollowUpTab /> },
        ]} />
    </Page>
  );
}
