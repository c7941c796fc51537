import { Button, Card, Descriptions, Empty, Flex, Tabs, Tag } from 'antd';
import { EditOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OrgUnit } from '../../../kernel/contracts';
import { OrgUnitHistory } from './OrgUnitHistory';

interface Props {
  unit: OrgUnit | null;
  canWrite: boolean;
  onCreateChild: (u: OrgUnit) => void;
  onEdit: (u: OrgUnit) => void;
  onMove: (u: OrgUnit) => void;
}

/** Facts of the selected unit, its actions and its history. */
export function OrgUnitDetail({ unit, canWrite, onCreateChild, onEdit, onMove }: Props) {
  const { t } = useTranslation();
  if (!unit) {
    return (
      <Card>
        <Empty description={t('org.selectHint')} />
      </Card>
    );
  }
  const actions = canWrite ? (
    <Flex gap={8} wrap>
      <Button icon={<PlusOutlined />} onClick={() => onCreateChild(unit)} data-testid="org-create-child">
        {t('org.createChild')}
      </Button>
      <Button icon={<EditOutlined />} onClick={() => onEdit(unit)} data-testid="org-edit">
        {t('common.edit')}
      </Button>
      {unit.parentId !== null && (
        <Button icon={<SwapOutlined />} onClick={() => onMove(unit)} data-testid="org-move">
          {t('org.move')}
        </Button>
      )}
    </Flex>
  ) : null;

  const facts = (
    <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
      <Descriptions.Item label={t('org.name')}>{unit.name}</Descriptions.Item>
      <Descriptions.Item label={t('org.kindLabel')}>{t(`org.kind.${unit.kind}`)}</Descriptions.Item>
      {unit.kind === 'region' && (
        <>
          <Descriptions.Item label={t('org.regionCode')}>{unit.regionCode ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('org.regionLevelLabel')}>{unit.regionLevel ? t(`org.regionLevel.${unit.regionLevel}`) : '—'}</Descriptions.Item>
        </>
      )}
      {unit.kind === 'organ' && (
        <>
          <Descriptions.Item label={t('org.organLevelLabel')}>{unit.organLevel ? t(`org.organLevel.${unit.organLevel}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('org.uscc')}>{unit.uscc ?? '—'}</Descriptions.Item>
        </>
      )}
      <Descriptions.Item label={t('common.status')}>
        {unit.active ? <Tag color="success">{t('org.active')}</Tag> : <Tag>{t('org.inactive')}</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={t('org.childCount')}>{unit.childCount}</Descriptions.Item>
      <Descriptions.Item label={t('org.sort')}>{unit.sort}</Descriptions.Item>
    </Descriptions>
  );

  return (
    <Card title={unit.name} extra={actions} data-testid="org-detail">
      <Tabs
        items={[
          { key: 'info', label: t('org.info'), children: facts },
          { key: 'history', label: t('org.history'), children: <OrgUnitHistory unitId={unit.id} /> },
        ]}
      />
    </Card>
  );
}
