import { Col, Empty, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../kernel/auth';
import { Page } from '../../../kernel/components/PageHeader';
import { PasswordPolicyCard } from './PasswordPolicyCard';
import { SecurityPolicyCard } from './SecurityPolicyCard';

/** System settings: each card shows only to whoever may see it (三员分立). */
export default function SettingsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const showPassword = can('kernel.settings.read');
  const showSecurity = can('kernel.security.write');
  return (
    <Page id="settings" title={t('nav.settings')}>
      <Row gutter={[16, 16]}>
        {showPassword && (
          <Col xs={24} xl={14}>
            <PasswordPolicyCard canWrite={can('kernel.settings.write')} />
          </Col>
        )}
        {showSecurity && (
          <Col xs={24} xl={10}>
            <SecurityPolicyCard />
          </Col>
        )}
        {!showPassword && !showSecurity && <Empty description={t('settings.nothing')} />}
      </Row>
    </Page>
  );
}
