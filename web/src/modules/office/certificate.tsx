import { Button, Descriptions, Result, Spin, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useUrlState } from '../../kernel/url-state';
import { Page } from '../../kernel/components/PageHeader';
import { fetchRequest, officeKey } from './office-api';
import { m2 } from './labels';

/** 分配使用凭证: the printable allocation certificate and use agreement of an approved allocation. */
export default function CertificatePage() {
  const { t } = useTranslation();
  const id = useUrlState().getNumber('id');
  const q = useQuery({ queryKey: [...officeKey, 'request', id], queryFn: () => fetchRequest(id!), enabled: Boolean(id) });
  const r = q.data;
  return (
    <Page id="office-certificate" title={t('office.certificateTitle')} extra={<Button icon={<PrinterOutlined />} onClick={() => window.print()}>{t('office.print')}</Button>}>
      {!r ? (q.isLoading ? <Spin /> : <Result status="404" title={t('office.certificateMissing')} />) : !r.certificateNo ? (
        <Result status="info" title={t('office.certificatePending')} />
      ) : (
        <div style={{ maxWidth: 760, margin: '0 auto', padding: 24, border: '1px solid #d9d9d9' }} data-testid="certificate">
          <Typography.Title level={3} style={{ textAlign: 'center' }}>{t('office.certificateHeading')}</Typography.Title>
          <Typography.Paragraph style={{ textAlign: 'right' }}>{r.certificateNo}</Typography.Paragraph>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('office.organ')}>{r.orgUnitName}</Descriptions.Item>
            <Descriptions.Item label={t('office.building')}>{r.buildingName}</Descriptions.Item>
            <Descriptions.Item label={t('office.address')}>{r.address}</Descriptions.Item>
            <Descriptions.Item label={t('office.room')}>{r.roomNumber}</Descriptions.Item>
            <Descriptions.Item label={t('office.usableArea')}>{m2(r.roomArea)}</Descriptions.Item>
            <Descriptions.Item label={t('office.reason')}>{r.reason}</Descriptions.Item>
            <Descriptions.Item label={t('office.decidedOn')}>{r.decidedOn}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph style={{ marginTop: 16 }}>{t('office.agreementText')}</Typography.Paragraph>
          <Typography.Paragraph style={{ textAlign: 'right', marginTop: 48 }}>{t('office.issuer')}</Typography.Paragraph>
        </div>
      )}
    </Page>
  );
}
