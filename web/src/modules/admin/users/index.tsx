import { useMemo, useState } from 'react';
import { Button, Form, Input, Select } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { OneTimePassword, User } from '../../../kernel/contracts';
import { useCan } from '../../../kernel/auth';
import { useNotifyError } from '../../../kernel/errors';
import { useUrlState } from '../../../kernel/url-state';
import { pagingOf } from '../../../kernel/table';
import { Page } from '../../../kernel/components/PageHeader';
import { QueryForm } from '../../../kernel/components/QueryForm';
import { OrgTreeSelect } from '../../../kernel/components/OrgTreeSelect';
import { ImportDialog } from '../../../kernel/components/ImportDialog';
import { downloadImportTemplate, exportUsers, fetchUsers, importUsers, usersKey, type UserFilters } from './user-api';
import { UserTable } from './UserTable';
import { UserFormDrawer } from './UserFormDrawer';
import { OneTimePasswordModal } from './OneTimePasswordModal';

/** User accounts: query form, table, create/edit drawer, import and export with the same filters. */
export default function UsersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = can('kernel.users.write');
  const url = useUrlState();
  const notifyError = useNotifyError();
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [otp, setOtp] = useState<OneTimePassword | null>(null);
  const [importing, setImporting] = useState(false);

  const q = url.get('q');
  const orgUnitId = url.getNumber('orgUnitId');
  const activeParam = url.get('active');
  const filters = useMemo<UserFilters>(
    () => ({ q, orgUnitId, active: activeParam === 'true' || activeParam === 'false' ? activeParam : undefined }),
    [q, orgUnitId, activeParam],
  );
  const { page, pageSize } = url;
  const list = useQuery({ queryKey: [...usersKey, filters, page, pageSize], queryFn: () => fetchUsers(filters, page, pageSize) });
  const exporting = useMutation({ mutationFn: () => exportUsers(filters), onError: notifyError });
  const filtered = Boolean(filters.q || filters.orgUnitId || filters.active);

  return (
    <Page
      id="users"
      title={t(canWrite ? 'nav.users' : 'nav.usersDirectory')}
      extra={
          <>
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-create">
                {t('common.create')}
              </Button>
            )}
            {canWrite && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="user-import">
                {t('common.import')}
              </Button>
            )}
            <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate()} data-testid="user-export">
              {t('common.export')}
            </Button>
          </>
        }
    >
      <QueryForm<UserFilters>
        values={filters}
        onSearch={(v) => url.set({ q: v.q?.trim(), orgUnitId: v.orgUnitId, active: v.active, page: undefined })}
        onReset={() => url.set({ q: undefined, orgUnitId: undefined, active: undefined, page: undefined })}
        fields={[
          <Form.Item key="q" name="q" label={t('users.keyword')}>
            <Input allowClear placeholder={t('users.keywordPlaceholder')} data-testid="user-query-q" />
          </Form.Item>,
          <Form.Item key="org" name="orgUnitId" label={t('users.orgUnit')}>
            <OrgTreeSelect />
          </Form.Item>,
          <Form.Item key="active" name="active" label={t('common.status')}>
            <Select
              allowClear
              placeholder={t('common.all')}
              options={[
                { value: 'true', label: t('users.statusActive') },
                { value: 'false', label: t('users.statusInactive') },
              ]}
            />
          </Form.Item>,
        ]}
      />
      <UserTable
        users={list.data?.items}
        loading={list.isFetching}
        pagination={pagingOf(t, page, pageSize, list.data?.total, (p, s) => url.set({ page: p, pageSize: s }))}
        canWrite={canWrite}
        emptyText={filtered ? t('users.emptyFiltered') : canWrite ? t('users.emptyCanCreate') : t('users.empty')}
        onEdit={setEditing}
        onPassword={setOtp}
      />
      <UserFormDrawer target={editing} onClose={() => setEditing(null)} onCreated={setOtp} />
      <OneTimePasswordModal result={otp} onClose={() => setOtp(null)} />
      <ImportDialog open={importing} onClose={() => setImporting(false)} title={t('users.importTitle')} testId="user-import"
        downloadTemplate={downloadImportTemplate} upload={(_, file) => importUsers(file)} invalidate={usersKey} />
    </Page>
  );
}
