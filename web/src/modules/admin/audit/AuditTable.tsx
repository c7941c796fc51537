import { Col, Empty, Row, Table, Tag, Typography, type TableColumnsType, type TablePaginationConfig } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../kernel/contracts';
import { formatDateTime, formatJson } from '../../../kernel/format';
import { useAuditLabels } from './audit-labels';

const resultColor: Record<AuditEntry['result'], string> = { ok: 'success', denied: 'warning', failed: 'error' };

/** Audit entries; expand a row for the object before and after. */
export function AuditTable({ entries, loading, pagination }: { entries: AuditEntry[] | undefined; loading: boolean; pagination: TablePaginationConfig }) {
  const { t } = useTranslation();
  const { actionLabel, objectLabel } = useAuditLabels();
  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v) },
    { title: t('audit.user'), dataIndex: 'username', render: (v: string | null) => v ?? '—' },
    { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (v: string) => {
        const label = actionLabel(v);
        return label === v ? (
          <Typography.Text code>{v}</Typography.Text>
        ) : (
          <span>
            {label} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{v}</Typography.Text>
          </span>
        );
      },
    },
    { title: t('audit.object'), key: 'object', render: (_, e) => objectLabel(e) },
    {
      title: t('audit.result'),
      dataIndex: 'result',
      render: (_, e) => <Tag color={resultColor[e.result]}>{t(`audit.resultValue.${e.result}`)}</Tag>,
    },
  ];
  return (
    <Table<AuditEntry>
      rowKey="id"
      columns={columns}
      dataSource={entries}
      loading={loading}
      pagination={pagination}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
      expandable={{
        rowExpandable: (e) => e.before != null || e.after != null,
        expandedRowRender: (e) => (
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Typography.Text type="secondary">{t('audit.before')}</Typography.Text>
              <pre className="json-block">{formatJson(e.before)}</pre>
            </Col>
            <Col xs={24} md={12}>
              <Typography.Text type="secondary">{t('audit.after')}</Typography.Text>
              <pre className="json-block">{formatJson(e.after)}</pre>
            </Col>
          </Row>
        ),
      }}
    />
  );
}
