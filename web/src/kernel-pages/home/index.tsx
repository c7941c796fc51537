import { Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../kernel/auth';
import { ApprovalsWaitingCard } from './ApprovalsWaitingCard';
import { LatestNotificationsCard } from './LatestNotificationsCard';

/** What waits for the user: approvals to decide and the latest notifications. */
export default function HomePage() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const mayDecide = can('kernel.approvals.decide');
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('home.greeting', { name: me.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.intro', { unit: me.orgUnitName })}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {mayDecide && (
          <Col xs={24} lg={12}>
            <ApprovalsWaitingCard />
          </Col>
        )}
        <Col xs={24} lg={mayDecide ? 12 : 24}>
          <LatestNotificationsCard />
        </Col>
      </Row>
    </>
  );
}
