/**
 * Demo content. Chapter names are those of the Heilongjiang 2021–2025 government-affairs plan as
 * its reading lists them (7 chapters, 19 sections); section titles, indicators, targets and tasks
 * are written from the reading's content and are illustrative, not the plan's official text.
 */
export const NATIONAL_ITEMS: { kind: 'goal' | 'indicator' | 'task'; code: string; title: string; unit?: string; baseline?: number; target?: number; direction?: 'up' | 'down'; binding?: 'binding' | 'anticipatory' }[] = [
  { kind: 'goal', code: 'N-G1', title: '推进机关事务集中统一管理' },
  { kind: 'goal', code: 'N-G2', title: '建设节约型机关,降低机关运行成本' },
  { kind: 'goal', code: 'N-G3', title: '推进机关事务法治化、标准化、信息化' },
  { kind: 'indicator', code: 'N1', title: '公共机构人均综合能耗', unit: 'kgce/人', baseline: 380, target: 357, direction: 'down', binding: 'binding' },
  { kind: 'indicator', code: 'N2', title: '公共机构单位建筑面积能耗', unit: 'kgce/m²', baseline: 10, target: 9.5, direction: 'down', binding: 'binding' },
  { kind: 'indicator', code: 'N3', title: '公共机构单位建筑面积碳排放', unit: 'kgCO₂/m²', baseline: 21, target: 19.5, direction: 'down', binding: 'binding' },
  { kind: 'indicator', code: 'N4', title: '办公用房使用合规率', unit: '%', baseline: 90, target: 100, direction: 'up', binding: 'binding' },
  { kind: 'task', code: 'N-T1', title: '推进办公用房管理信息化' },
  { kind: 'task', code: 'N-T2', title: '开展制止餐饮浪费行动' },
];

export const HLJ_CHAPTERS: { title: string; weight: number; sections: string[] }[] = [
  { title: '规划背景', weight: 1, sections: ['“十三五”时期主要成就', '“十四五”时期面临的形势'] },
  { title: '总体要求', weight: 1, sections: ['指导思想', '基本原则', '发展目标'] },
  { title: '体制机制建设', weight: 3, sections: ['深化机关事务管理体制改革', '理顺市县机关事务管理职能', '强化服务保障职能', '推进集中统一管理'] },
  { title: '优化管理基础', weight: 4, sections: ['推进机关事务标准化建设', '推进机关事务信息化建设', '加强办公用房管理', '推进公共机构节能与节约型机关建设'] },
  { title: '法治建设', weight: 2, sections: ['强化依法行政', '健全制度体系'] },
  { title: '人才建设', weight: 2, sections: ['加强干部队伍能力建设', '加强机关文化建设'] },
  { title: '规划落实', weight: 1, sections: ['加强组织领导', '强化监测评估'] },
];

export const HLJ_INDICATORS: { code: string; title: string; section: string; unit: string; baseline: number; target: number; direction: 'up' | 'down'; binding: 'binding' | 'anticipatory'; weight: number; metricKey?: string; serves?: string }[] = [
  { code: 'E1', title: '公共机构人均综合能耗', section: '推进公共机构节能与节约型机关建设', unit: 'kgce/人', baseline: 385, target: 361, direction: 'down', binding: 'binding', weight: 3, metricKey: 'energy.per_capita', serves: 'N1' },
  { code: 'E2', title: '公共机构单位建筑面积能耗', section: '推进公共机构节能与节约型机关建设', unit: 'kgce/m²', baseline: 10.2, target: 9.6, direction: 'down', binding: 'binding', weight: 3, metricKey: 'energy.per_area', serves: 'N2' },
  { code: 'E3', title: '公共机构单位建筑面积碳排放', section: '推进公共机构节能与节约型机关建设', unit: 'kgCO₂/m²', baseline: 21.5, target: 19.9, direction: 'down', binding: 'binding', weight: 2, metricKey: 'energy.co2_per_area', serves: 'N3' },
  { code: 'E4', title: '办公用房使用合规率', section: '加强办公用房管理', unit: '%', baseline: 88, target: 100, direction: 'up', binding: 'binding', weight: 3, metricKey: 'office.compliance_rate', serves: 'N4' },
  { code: 'E5', title: '超标准使用办公用房面积', section: '加强办公用房管理', unit: 'm²', baseline: 5200, target: 0, direction: 'down', binding: 'binding', weight: 2, metricKey: 'office.over_standard_area' },
  { code: 'E6', title: '机关食堂餐均浪费量', section: '推进公共机构节能与节约型机关建设', unit: 'g/餐', baseline: 62, target: 40, direction: 'down', binding: 'anticipatory', weight: 1, metricKey: 'canteen.waste_per_meal' },
  { code: 'E7', title: '发布机关事务地方标准', section: '推进机关事务标准化建设', unit: '项', baseline: 5, target: 12, direction: 'up', binding: 'anticipatory', weight: 1 },
  { code: 'E8', title: '市县机关事务管理部门覆盖率', section: '理顺市县机关事务管理职能', unit: '%', baseline: 92, target: 100, direction: 'up', binding: 'anticipatory', weight: 2 },
];

export const HLJ_TASKS: { code: string; title: string; section: string; owner: string; coOwner: string; deadline: string; serves?: string }[] = [
  { code: 'T1', title: '建成全省办公用房管理信息系统', section: '推进机关事务信息化建设', owner: '房产管理处', coOwner: '办公室', deadline: '2024-12-31', serves: 'N-T1' },
  { code: 'T2', title: '建设智慧食堂(线上预约、预订与支付)', section: '推进公共机构节能与节约型机关建设', owner: '后勤服务中心', coOwner: '财务处', deadline: '2023-12-31', serves: 'N-T2' },
  { code: 'T3', title: '出台全省机关运行保障制度规定', section: '健全制度体系', owner: '办公室', coOwner: '财务处', deadline: '2025-12-31' },
  { code: 'T4', title: '外聘法律顾问,做好合法性合规性审查', section: '强化依法行政', owner: '办公室', coOwner: '财务处', deadline: '2026-12-20' },
  { code: 'T5', title: '推动同级机关事务统一标准、经费归口、资源共享', section: '推进集中统一管理', owner: '财务处', coOwner: '房产管理处', deadline: '2025-06-30' },
  { code: 'T6', title: '发挥机关事务研究中心作用,形成研究成果', section: '加强机关文化建设', owner: '办公室', coOwner: '后勤服务中心', deadline: '2025-10-31' },
  { code: 'T7', title: '开展规划年度监测与中期评估', section: '强化监测评估', owner: '办公室', coOwner: '公共机构节能处', deadline: '2026-12-15' },
];

export const SUGGESTION_TEXTS = [
  '建议将办公用房管理、公共机构节能职能明确纳入机关事务管理部门职责',
  '建议增加公共机构节能量化指标,并分解到市(地)',
  '建议加快市县机关事务管理部门组建,实现全覆盖',
  '建议推进机关事务标准化,扩大地方标准覆盖面',
  '建议建设智慧食堂,推行线上预约就餐',
  '建议完善青年公寓、人才公寓等保障性租赁住房管理',
  '建议加强法律顾问力量,规范合同审查',
  '建议加强干部培训和机关文化建设',
];
