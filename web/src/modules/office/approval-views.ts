import { lazy } from 'react';
import { registerApprovalDetail } from '../../kernel/approval-details';

// An office request's approver sees what it asks for (room, area, headcount, cost, method, measures) inside the request in /approvals.
const view = (name: 'RequestApprovalView' | 'RectificationApprovalView' | 'VacateApprovalView') => lazy(() => import('./ApprovalView').then((m) => ({ default: m[name] })));
for (const kind of ['allocation', 'repair', 'disposal']) registerApprovalDetail(`office.${kind}`, view('RequestApprovalView'));
registerApprovalDetail('office.rectification', view('RectificationApprovalView'));
registerApprovalDetail('office.vacate', view('VacateApprovalView'));
