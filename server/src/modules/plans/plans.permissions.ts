import { registerPermissions, grantToBuiltinRole, registerBuiltinRole } from '../../kernel/auth/permissions';
import { addMessages } from '../../kernel/i18n/messages';

registerPermissions('plans', [
  { code: 'plans.read', nameZh: '查看规划与评估', nameEn: 'View plans and evaluations' },
  { code: 'plans.write', nameZh: '编制规划', nameEn: 'Edit plans' },
  { code: 'plans.report', nameZh: '填报规划进度', nameEn: 'Report plan progress' },
  { code: 'plans.evaluate', nameZh: '管理评估方案与轮次', nameEn: 'Manage evaluation schemes and rounds' },
  { code: 'plans.review', nameZh: '定性评分', nameEn: 'Score qualitative criteria' },
  { code: 'plans.suggest', nameZh: '提出规划意见建议', nameEn: 'Submit suggestions on drafts' },
  { code: 'plans.answer', nameZh: '答复意见建议', nameEn: 'Answer suggestions' },
  { code: 'plans.cockpit', nameZh: '查看领导驾驶舱', nameEn: 'View the leaders’ cockpit' },
]);

grantToBuiltinRole('bureau_staff', ['plans.read', 'plans.write', 'plans.report', 'plans.evaluate', 'plans.review', 'plans.suggest', 'plans.answer', 'plans.cockpit']);
grantToBuiltinRole('organ_admin', ['plans.read', 'plans.report', 'plans.suggest', 'plans.cockpit']);
grantToBuiltinRole('employee', ['plans.suggest']);
registerBuiltinRole({
  code: 'plans_leader', nameZh: '局领导(驾驶舱)', nameEn: 'Leader (cockpit)',
  description: 'Reads plans, evaluations and the cockpit of their region',
  permissions: ['plans.read', 'plans.cockpit', 'kernel.metrics.read', 'kernel.org.read'],
});

addMessages('zh-CN', {
  plan_alignment_cycle: '对齐关系不能形成循环:该上位事项已(直接或间接)服务于本事项',
  plan_align_same_plan: '只能对齐到其他规划(上位规划)的事项',
  plan_period_closed: '填报期「{period}」已关闭,不能再填报',
  plan_weights_sum: '权重合计为 {sum},方案要求合计为 {total},不能发布',
  plan_formula_missing: '公式引用了规划中不存在的指标:{codes}',
  plan_formula_invalid: '公式有误(第 {at} 个字符):{detail}',
  plan_item_parent: '上级事项不属于本规划,或层级不符(章→节→目标/指标/任务)',
  plan_indicator_fields: '指标须填写计量单位、目标年份与目标值、方向和属性(约束性/预期性)',
  plan_task_fields: '任务须填写牵头单位和完成时限',
  plan_report_measure: '指标进度须填写数值,任务进度须选择状态',
  plan_version_published: '已发布的方案版本不能修改,请新建版本',
  plan_criterion_fields: '定量指标须填写公式,定性指标须填写评分标准',
  plan_rubric_level: '评分等级「{level}」不在评分标准中',
  plan_round_closed: '评估轮次已结束,不能再评分',
  plan_version_draft: '只能用已发布的方案版本开展评估',
  plan_draft_closed: '意见征集已结束',
  plan_not_subject: '{unit} 不是本轮评估对象',
  plan_parent_plan: '上位规划不存在或层级不高于本规划',
  plan_co_owner: '配合单位不存在',
  plan_milestone_item: '里程碑不属于本事项',
  'notify.plans.deadline.title': '任务即将到期:{title}',
  'notify.plans.deadline.body': '规划任务「{title}」将于 {deadline} 到期,请及时填报进度',
  'notify.plans.milestone.title': '节点即将到期:{milestone}',
  'notify.plans.milestone.body': '规划任务「{title}」的节点「{milestone}」将于 {due} 到期',
  'notify.plans.alignment.title': '衔接审查:{plan}',
  'notify.plans.alignment.body': '规划「{plan}」的衔接审查结果:{result}',
  'plans.alignment.approved': '通过', 'plans.alignment.rejected': '不通过', 'plans.alignment.returned': '退回修改',
});
addMessages('en', {
  plan_alignment_cycle: 'Alignment may not form a cycle: that upper item already serves this one (directly or indirectly)',
  plan_align_same_plan: 'Align only to items of another (upper) plan',
  plan_period_closed: 'Reporting period "{period}" is closed; no more reports',
  plan_weights_sum: 'Weights sum to {sum}; the scheme requires {total}. Not published',
  plan_formula_missing: 'The formula names indicators not in the plan: {codes}',
  plan_formula_invalid: 'Formula error at character {at}: {detail}',
  plan_item_parent: 'The parent item is not in this plan or the levels do not fit (chapter → section → goal/indicator/task)',
  plan_indicator_fields: 'An indicator needs a unit, target year and value, direction and type (binding/anticipatory)',
  plan_task_fields: 'A task needs an owner department and a deadline',
  plan_report_measure: 'An indicator report needs a value; a task report needs a status',
  plan_version_published: 'A published scheme version cannot change; create a new version',
  plan_criterion_fields: 'A quantitative criterion needs a formula; a qualitative one a rubric',
  plan_rubric_level: 'Level "{level}" is not in the rubric',
  plan_round_closed: 'The evaluation round is closed',
  plan_version_draft: 'Only a published scheme version can be used for a round',
  plan_draft_closed: 'This call for suggestions is closed',
  plan_not_subject: '{unit} is not evaluated in this round',
  plan_parent_plan: 'The upper plan does not exist or is not at a higher level',
  plan_co_owner: 'A co-owner department does not exist',
  plan_milestone_item: 'The milestone does not belong to this item',
  'notify.plans.deadline.title': 'Task due soon: {title}',
  'notify.plans.deadline.body': 'Plan task "{title}" is due on {deadline}: please report progress',
  'notify.plans.milestone.title': 'Milestone due soon: {milestone}',
  'notify.plans.milestone.body': 'Milestone "{milestone}" of plan task "{title}" is due on {due}',
  'notify.plans.alignment.title': 'Alignment review: {plan}',
  'notify.plans.alignment.body': 'Alignment review of plan "{plan}": {result}',
  'plans.alignment.approved': 'approved', 'plans.alignment.rejected': 'rejected', 'plans.alignment.returned': 'returned for changes',
});
