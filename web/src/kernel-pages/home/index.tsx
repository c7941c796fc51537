import { Col, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useAuth } from '../../kernel/auth';
import { TIME_ZONE } from '../../kernel/format';
import { ApprovalListCard } from './ApprovalListCard';
import { LatestNotificationsCard } from './LatestNotificationsCard';
import { AccountCard } from './AccountCard';
import { ShortcutsCard } from './ShortcutsCard';

/**
 * The user's desk: on the left what waits (approvals to decide, their own requests, notifications),
 * on the right the pages they administer and their account. Every user gets something useful,
 * including an employee without any approval or admin duty.
 */
export default function HomePage() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const mayDecide = can('kernel.approvals.decide');
  const today = dayjs().tz(TIME_ZONE).format(t('home.dateFormat'));
  return (
    <section data-testid="page-home" aria-label={t('nav.home')}>
      <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 4 }} data-testid="page-title">
        {t('home.greeting', { name: me.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.intro', { unit: me.orgUnitName, date: today })}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15} xxl={16}>
          <Flex vertical gap={16}>
            {mayDecide && <ApprovalListCard list="inbox" />}
            <ApprovalListCard list="mine" />
            <LatestNotificationsCard />
          </Flex>
        </Col>
        <Col xs={24} lg={9} xxl={8}>
          <Flex vertical gap={16}>
            <ShortcutsCard />
            <AccountCard />
          </Flex>
        </Col>
      </Row>
    </section>
  );
}
