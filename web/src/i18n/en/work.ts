import type { Messages } from '../zh-CN';

export const home: Messages['home'] = {
  greeting: 'Hello, {{name}}',
  intro: '{{unit}} · here is what waits for you',
  approvalsTitle_one: 'Waiting for my approval ({{count}})',
  approvalsTitle: 'Waiting for my approval ({{count}})',
  approvalsEmpty: 'Nothing waits for your decision. New requests will appear here.',
  notificationsTitle: 'Latest notifications',
  notificationsEmpty: 'No notifications yet. Approval results and finished exports will appear here.',
};

export const approvals: Messages['approvals'] = {
  inbox: 'Waiting for me',
  mine: 'Submitted by me',
  title: 'Subject',
  workflow: 'Type',
  applicant: 'Applicant',
  step: 'Current step',
  submittedAt: 'Submitted',
  detail: 'Approval',
  timeline: 'History',
  handle: 'Decide',
  decide: 'Decision',
  comment: 'Comment',
  commentPlaceholder: 'Comment (give the reason when rejecting or returning)',
  emptyInbox: 'Nothing waits for your decision.',
  emptyMine: 'You have not submitted anything yet. Requests you submit in the modules can be followed here.',
  conflict: 'Someone else has already decided or changed this request. The latest state is shown.',
  status: { pending: 'Pending', approved: 'Approved', rejected: 'Rejected', returned: 'Returned', withdrawn: 'Withdrawn' },
  action: { submit: 'submitted', resubmit: 'resubmitted', approve: 'approved', reject: 'rejected', return: 'returned for changes', withdraw: 'withdrew' },
  decision: { approve: 'Approve', reject: 'Reject', return: 'Return' },
  decided: { approve: 'Approved', reject: 'Rejected', return: 'Returned to the applicant' },
  confirm: { approve: 'Approve "{{title}}"?', reject: 'Reject "{{title}}"?', return: 'Return "{{title}}" to the applicant for changes?' },
  confirmHint: {
    approve: '',
    reject: 'Rejecting closes the request; the applicant has to start again.',
    return: 'The applicant can change and resubmit it; approval starts over.',
  },
};

export const notifications: Messages['notifications'] = {
  subject: 'Notification',
  receivedAt: 'Time',
  markRead: 'Mark read',
  markAllRead: 'Mark all read',
  read: 'Read',
  empty: 'No notifications yet. Approval results and finished exports will appear here.',
};
