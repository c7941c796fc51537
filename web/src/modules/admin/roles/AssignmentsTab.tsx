import { useState } from 'react';
import { App, Button, Col, Empty, Flex, Form, Row, Select, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMutation } from '../../../kernel/mutation';
import { useTranslation } from 'react-i18next';
import type { Role, RoleAssignment } from '../../../kernel/contracts';
import { formatDateTime } from '../../../kernel/format';
import { useNotifyError } from '../../../kernel/errors';
import { useUrlState } from '../../../kernel/url-state';
import { pagingOf } from '../../../kernel/table';
import { localName } from '../../../i18n';
import { assignmentsKey, fetchAssignments, revokeRole } from './role-api';
import { UserSelect } from './UserSelect';
import { GrantModal } from './GrantModal';

/** Who holds which role over which unit; grant and revoke. Filters live in the URL. */
export function AssignmentsTab({ roles, canGrant }: { roles: Role[]; canGrant: boolean }) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const url = useUrlState();
  const notifyError = useNotifyError();
  const [granting, setGranting] = useState(false);
  const userId = url.getNumber('userId');
  const roleId = url.getNumber('roleId');
  const { page, pageSize } = url;
  const list = useQuery({
    queryKey: [...assignmentsKey, userId, roleId, page, pageSize],
    queryFn: () => fetchAssignments({ userId, roleId }, page, pageSize),
  });
  const revoke = useMutation({
    mutationFn: (a: RoleAssignment) => revokeRole(a.id),
    onSuccess: () => {
      void message.success(t('roles.revoked'));
      void qc.invalidateQueries({ queryKey: assignmentsKey });
    },
    onError: notifyError,
  });
  const roleName = (a: RoleAssignment) => (i18n.language === 'en' ? a.roleNameEn : a.roleNameZh);
  const confirmRevoke = (a: RoleAssignment) =>
    modal.confirm({
      title: t('roles.revokeConfirm', { user: a.displayName, role: roleName(a), scope: a.scopeUnitName }),
      content: t('roles.revokeHint'),
      okButtonProps: { danger: true },
      okText: t('roles.revoke'),
      onOk: () => revoke.mutateAsync(a).catch(() => undefined),
    });

  const columns: TableColumnsType<RoleAssignment> = [
    { title: t('roles.user'), key: 'user', render: (_, a) => `${a.displayName} (${a.username})` },
    { title: t('roles.role'), key: 'role', render: (_, a) => roleName(a) },
    { title: t('roles.scope'), dataIndex: 'scopeUnitName' },
    { title: t('roles.grantedAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
  ];
  if (canGrant) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, a) => (
        <Button type="link" size="small" danger onClick={() => confirmRevoke(a)} data-testid={`assignment-revoke-${a.id}`}>
          {t('roles.revoke')}
        </Button>
      ),
    });
  }

  return (
    <>
      <Form layout="vertical">
        <Row gutter={16} align="bottom">
          <Col xs={24} sm={12} lg={8}>
            <Form.Item label={t('roles.user')} htmlFor="assignments-user">
              <UserSelect id="assignments-user" value={userId} onChange={(v) => url.set({ userId: v, page: undefined })} allowClear />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} lg={8}>
            <Form.Item label={t('roles.role')} htmlFor="assignments-role">
              <Select
                id="assignments-role"
                allowClear
                value={roleId}
                placeholder={t('common.all')}
                onChange={(v: number | undefined) => url.set({ roleId: v, page: undefined })}
                options={roles.map((r) => ({ value: r.id, label: localName(r, i18n.language) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item>
              <Flex justify="flex-end">
                {canGrant && (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setGranting(true)} data-testid="assignment-grant">
                    {t('roles.grant')}
                  </Button>
                )}
              </Flex>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Table<RoleAssignment>
        rowKey="id"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={canGrant ? t('roles.assignmentsEmptyCanGrant') : t('roles.assignmentsEmpty')} /> }}
        pagination={pagingOf(t, page, pageSize, list.data?.total, (p, s) => url.set({ page: p, pageSize: s }))}
      />
      <GrantModal open={granting} roles={roles} onClose={() => setGranting(false)} />
    </>
  );
}
