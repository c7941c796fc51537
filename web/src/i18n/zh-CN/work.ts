export const home = {
  greeting: '您好,{{name}}',
  intro: '{{unit}} · 以下是等待您处理的事项',
  approvalsTitle_one: '待我审批({{count}})',
  approvalsTitle: '待我审批({{count}})',
  approvalsEmpty: '没有等待您审批的事项。新的申请提交后会出现在这里。',
  notificationsTitle: '最新消息',
  notificationsEmpty: '暂时没有消息。审批结果、导出完成等通知会出现在这里。',
};

export const approvals = {
  inbox: '待我审批',
  mine: '我发起的',
  title: '事项',
  workflow: '审批类型',
  applicant: '申请人',
  step: '当前环节',
  submittedAt: '提交时间',
  detail: '审批详情',
  timeline: '审批记录',
  handle: '办理',
  decide: '审批意见',
  comment: '审批意见',
  commentPlaceholder: '填写审批意见(驳回或退回时请说明原因)',
  emptyInbox: '没有等待您审批的事项。',
  emptyMine: '您还没有发起过申请。在各业务模块提交申请后,可在这里跟踪进度。',
  conflict: '该事项已被他人处理或已变更,已为您刷新最新状态。',
  status: { pending: '审批中', approved: '已通过', rejected: '已驳回', returned: '已退回', withdrawn: '已撤回' },
  action: { submit: '提交', resubmit: '重新提交', approve: '同意', reject: '驳回', return: '退回修改', withdraw: '撤回' },
  decision: { approve: '同意', reject: '驳回', return: '退回' },
  decided: { approve: '已同意', reject: '已驳回', return: '已退回申请人' },
  confirm: { approve: '同意「{{title}}」?', reject: '驳回「{{title}}」?', return: '退回「{{title}}」给申请人修改?' },
  confirmHint: {
    approve: '',
    reject: '驳回后该申请即办结,申请人需重新发起。',
    return: '申请人修改后可重新提交,审批从头开始。',
  },
};

export const notifications = {
  subject: '消息',
  receivedAt: '时间',
  markRead: '标为已读',
  markAllRead: '全部标为已读',
  read: '已读',
  empty: '暂时没有消息。审批结果、导出完成等通知会出现在这里。',
};
