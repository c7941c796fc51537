/**
 * Heilongjiang's 13 prefecture-level divisions (GB/T 2260) and a few of their county-level
 * divisions, for demo data. Names are public administrative divisions; everything else is invented.
 */
export const PROVINCE = { code: '230000', name: '黑龙江省' };

export const PREFECTURES: { code: string; name: string; abbr: string; counties: [string, string][] }[] = [
  { code: '230100', name: '哈尔滨市', abbr: 'hrb', counties: [['230102', '道里区'], ['230103', '南岗区'], ['230125', '宾县'], ['230183', '尚志市'], ['230184', '五常市']] },
  { code: '230200', name: '齐齐哈尔市', abbr: 'qqhr', counties: [['230202', '龙沙区'], ['230221', '龙江县'], ['230281', '讷河市']] },
  { code: '230300', name: '鸡西市', abbr: 'jx', counties: [['230302', '鸡冠区'], ['230321', '鸡东县'], ['230382', '密山市']] },
  { code: '230400', name: '鹤岗市', abbr: 'hg', counties: [['230402', '向阳区'], ['230421', '萝北县']] },
  { code: '230500', name: '双鸭山市', abbr: 'sys', counties: [['230502', '尖山区'], ['230521', '集贤县'], ['230523', '宝清县']] },
  { code: '230600', name: '大庆市', abbr: 'dq', counties: [['230602', '萨尔图区'], ['230621', '肇州县'], ['230622', '肇源县']] },
  { code: '230700', name: '伊春市', abbr: 'yc', counties: [['230717', '伊美区'], ['230722', '嘉荫县'], ['230781', '铁力市']] },
  { code: '230800', name: '佳木斯市', abbr: 'jms', counties: [['230803', '向阳区'], ['230822', '桦南县'], ['230882', '富锦市']] },
  { code: '230900', name: '七台河市', abbr: 'qth', counties: [['230902', '新兴区'], ['230921', '勃利县']] },
  { code: '231000', name: '牡丹江市', abbr: 'mdj', counties: [['231002', '东安区'], ['231081', '绥芬河市'], ['231084', '宁安市']] },
  { code: '231100', name: '黑河市', abbr: 'hh', counties: [['231102', '爱辉区'], ['231123', '逊克县'], ['231181', '北安市']] },
  { code: '231200', name: '绥化市', abbr: 'sh', counties: [['231202', '北林区'], ['231221', '望奎县'], ['231281', '安达市']] },
  { code: '232700', name: '大兴安岭地区', abbr: 'dxal', counties: [['232701', '漠河市'], ['232721', '呼玛县'], ['232722', '塔河县']] },
];

/** The demo county with a full set of users and a township. */
export const DEMO_COUNTY = { code: '230125', name: '宾县', abbr: 'bx', township: ['230125100', '宾州镇'] as [string, string] };

/** 职级: generic ranks; modules map (organ level × rank) to their standards. */
export const RANKS: [string, string, string][] = [
  ['head', '正职(本级政府主要负责人)', 'Head of government at this level'],
  ['deputy_head', '副职(本级政府副职)', 'Deputy head of government at this level'],
  ['bureau_chief', '正厅(局)级', 'Bureau chief'],
  ['deputy_bureau_chief', '副厅(局)级', 'Deputy bureau chief'],
  ['division_chief', '正处级', 'Division chief'],
  ['deputy_division_chief', '副处级', 'Deputy division chief'],
  ['section_chief', '正科级', 'Section chief'],
  ['deputy_section_chief', '副科级', 'Deputy section chief'],
  ['staff', '科员及以下', 'Staff'],
];
