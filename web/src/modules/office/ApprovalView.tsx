import { Descriptions, Skeleton } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApprovalDetailProps } from '../../kernel/approval-details';
import { api } from '../../kernel/api';
import { fetchRequest, officeKey } from './office-api';
import { yuan } from './FollowUpTab';
import { m2 } from './labels';

interface RectificationObject { roomNumber: string; buildingName: string; orgUnitName: string; overArea: number; usableArea: number; openedOn: string; deadline: string; measures: string }
interface VacateObject { personName: string; roomNumber: string; buildingName: string; orgUnitName: string; kind: 'main' | 'extra'; since: string; dueOn: string; vacatedOn: string | null; note: string }

/** What an office request (allocation, repair, disposal) asks for, inside its approval. */
export function RequestApprovalView({ objectId }: ApprovalDetailProps) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: [...officeKey, 'request', Number(objectId)], queryFn: () => fetchRequest(Number(objectId)) });
  const r = q.data;
  if (!r) return <Skeleton active />;
  return (
    <Descriptions column={1} size="small" bordered title={t(`office.newRequest.${r.kind}`)} data-testid="office-approval-view"
      extra={<Link to="/office/cases?tab=requests">{t('office.openInCases')}</Link>}
      items={[
        { key: 'organ', label: t('office.organ'), children: r.orgUnitName },
        ...(r.kind === 'allocation' ? [
          { key: 'area', label: t('office.neededArea'), children: m2(r.neededArea) },
          { key: 'people', label: t('office.headcount'), children: r.headcount ?? '—' },
        ] : [
          { key: 'room', label: t('office.room'), children: [r.buildingName, r.roomNumber].filter(Boolean).join(' ') || '—' },
          { key: 'roomArea', label: t('office.usableArea'), children: m2(r.roomArea) },
          { key: 'method', label: t('office.methodLabel'), children: r.method ? t(`office.method.${r.method}`) : '—' },
        ]),
        ...(r.kind === 'repair' ? [
          { key: 'cost', label: t('office.estimatedCost'), children: r.estimatedCostFen == null ? t('office.notEstimated') : yuan(r.estimatedCostFen) },
          ...(r.method === 'major' ? [{ key: 'year', label: t('office.planYear'), children: r.planYear ?? '—' }] : []),
        ] : []),
        ...(r.path ? [{ key: 'path', label: t('office.allocPathLabel'), children: t(`office.allocPath.${r.path}`) }] : []),
        { key: 'reason', label: t('office.reason'), children: r.reason },
      ]} />
  );
}

/** The over-standard office and the measures the organ reports, inside the approval closing the case. */
export function RectificationApprovalView({ objectId }: ApprovalDetailProps) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: [...officeKey, 'rectification', Number(objectId)], queryFn: () => api.get<RectificationObject>(`/api/office/rectifications/${objectId}`) });
  const c = q.data;
  if (!c) return <Skeleton active />;
  return (
    <Descriptions column={1} size="small" bordered data-testid="office-approval-view"
      extra={<Link to="/office/cases">{t('office.openInCases')}</Link>}
      items={[
        { key: 'organ', label: t('office.organ'), children: c.orgUnitName },
        { key: 'room', label: t('office.room'), children: `${c.buildingName} ${c.roomNumber}` },
        { key: 'area', label: t('office.usableArea'), children: m2(c.usableArea) },
        { key: 'over', label: t('office.overArea'), children: m2(c.overArea) },
        { key: 'opened', label: t('office.openedOn'), children: c.openedOn },
        { key: 'deadline', label: t('office.deadline'), children: c.deadline },
        { key: 'measures', label: t('office.measures'), children: c.measures || '—' },
      ]} />
  );
}

/** Whose office was vacated, when, and by what deadline, inside the approval confirming it. */
export function VacateApprovalView({ objectId }: ApprovalDetailProps) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: [...officeKey, 'vacate', Number(objectId)], queryFn: () => api.get<VacateObject>(`/api/office/vacate/${objectId}`) });
  const v = q.data;
  if (!v) return <Skeleton active />;
  return (
    <Descriptions column={1} size="small" bordered data-testid="office-approval-view"
      extra={<Link to="/office/cases?tab=vacate">{t('office.openInCases')}</Link>}
      items={[
        { key: 'person', label: t('office.personName'), children: v.personName },
        { key: 'organ', label: t('office.organ'), children: v.orgUnitName },
        { key: 'room', label: t('office.room'), children: `${v.buildingName} ${v.roomNumber}(${t(`office.kind.${v.kind}`)})` },
        { key: 'due', label: t('office.dueOn'), children: v.dueOn },
        { key: 'vacated', label: t('office.vacatedOnLabel'), children: v.vacatedOn ?? '—' },
        { key: 'note', label: t('office.vacateNote'), children: v.note || '—' },
      ]} />
  );
}
