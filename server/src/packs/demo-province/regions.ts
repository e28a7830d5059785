// 行政区划 of the demo province, Zhejiang, with GB/T 2260 codes.
// Province, its 11 prefecture-level cities and all 90 county-level divisions as in force
// after the 2021 Hangzhou reorganisation (上城/拱墅 merged, 临平区 and 钱塘区 created; 2023
// statistical division codes). Townships (乡镇街道) use the 9-digit codes of the National
// Bureau of Statistics 统计用区划代码, given only for the demo counties.

export type RegionLevel = 'province' | 'city' | 'county' | 'township';

export interface DemoRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

type CodeAndName = readonly [code: string, name: string];

interface CityTable {
  code: string;
  name: string;
  counties: readonly CodeAndName[];
}

const PROVINCE: CodeAndName = ['330000', '浙江省'];

const CITIES: readonly CityTable[] = [
  {
    code: '330100',
    name: '杭州市',
    counties: [
      ['330102', '上城区'],
      ['330105', '拱墅区'],
      ['330106', '西湖区'],
      ['330108', '滨江区'],
      ['330109', '萧山区'],
      ['330110', '余杭区'],
      ['330111', '富阳区'],
      ['330112', '临安区'],
      ['330113', '临平区'],
      ['330114', '钱塘区'],
      ['330122', '桐庐县'],
      ['330127', '淳安县'],
      ['330182', '建德市'],
    ],
  },
  {
    code: '330200',
    name: '宁波市',
    counties: [
      ['330203', '海曙区'],
      ['330205', '江北区'],
      ['330206', '北仑区'],
      ['330211', '镇海区'],
      ['330212', '鄞州区'],
      ['330213', '奉化区'],
      ['330225', '象山县'],
      ['330226', '宁海县'],
      ['330281', '余姚市'],
      ['330282', '慈溪市'],
    ],
  },
  {
    code: '330300',
    name: '温州市',
    counties: [
      ['330302', '鹿城区'],
      ['330303', '龙湾区'],
      ['330304', '瓯海区'],
      ['330305', '洞头区'],
      ['330324', '永嘉县'],
      ['330326', '平阳县'],
      ['330327', '苍南县'],
      ['330328', '文成县'],
      ['330329', '泰顺县'],
      ['330381', '瑞安市'],
      ['330382', '乐清市'],
      ['330383', '龙港市'],
    ],
  },
  {
    code: '330400',
    name: '嘉兴市',
    counties: [
      ['330402', '南湖区'],
      ['330411', '秀洲区'],
      ['330421', '嘉善县'],
      ['330424', '海盐县'],
      ['330481', '海宁市'],
      ['330482', '平湖市'],
      ['330483', '桐乡市'],
    ],
  },
  {
    code: '330500',
    name: '湖州市',
    counties: [
      ['330502', '吴兴区'],
      ['330503', '南浔区'],
      ['330521', '德清县'],
      ['330522', '长兴县'],
      ['330523', '安吉县'],
    ],
  },
  {
    code: '330600',
    name: '绍兴市',
    counties: [
      ['330602', '越城区'],
      ['330603', '柯桥区'],
      ['330604', '上虞区'],
      ['330624', '新昌县'],
      ['330681', '诸暨市'],
      ['330683', '嵊州市'],
    ],
  },
  {
    code: '330700',
    name: '金华市',
    counties: [
      ['330702', '婺城区'],
      ['330703', '金东区'],
      ['330723', '武义县'],
      ['330726', '浦江县'],
      ['330727', '磐安县'],
      ['330781', '兰溪市'],
      ['330782', '义乌市'],
      ['330783', '东阳市'],
      ['330784', '永康市'],
    ],
  },
  {
    code: '330800',
    name: '衢州市',
    counties: [
      ['330802', '柯城区'],
      ['330803', '衢江区'],
      ['330822', '常山县'],
      ['330824', '开化县'],
      ['330825', '龙游县'],
      ['330881', '江山市'],
    ],
  },
  {
    code: '330900',
    name: '舟山市',
    counties: [
      ['330902', '定海区'],
      ['330903', '普陀区'],
      ['330921', '岱山县'],
      ['330922', '嵊泗县'],
    ],
  },
  {
    code: '331000',
    name: '台州市',
    counties: [
      ['331002', '椒江区'],
      ['331003', '黄岩区'],
      ['331004', '路桥区'],
      ['331022', '三门县'],
      ['331023', '天台县'],
      ['331024', '仙居县'],
      ['331081', '温岭市'],
      ['331082', '临海市'],
      ['331083', '玉环市'],
    ],
  },
  {
    code: '331100',
    name: '丽水市',
    counties: [
      ['331102', '莲都区'],
      ['331121', '青田县'],
      ['331122', '缙云县'],
      ['331123', '遂昌县'],
      ['331124', '松阳县'],
      ['331125', '云和县'],
      ['331126', '庆元县'],
      ['331127', '景宁畲族自治县'],
      ['331181', '龙泉市'],
    ],
  },
];

/** Some real 乡镇街道 of each demo county (统计用区划代码, first 9 digits). */
const DEMO_TOWNSHIPS: Readonly<Record<string, readonly CodeAndName[]>> = {
  // 杭州市西湖区
  '330106': [
    ['330106002', '北山街道'],
    ['330106004', '西溪街道'],
    ['330106005', '翠苑街道'],
    ['330106010', '转塘街道'],
    ['330106109', '三墩镇'],
  ],
  // 杭州市余杭区
  '330110': [
    ['330110005', '五常街道'],
    ['330110010', '良渚街道'],
    ['330110012', '仓前街道'],
    ['330110109', '径山镇'],
    ['330110110', '瓶窑镇'],
  ],
  // 宁波市鄞州区
  '330212': [
    ['330212002', '钟公庙街道'],
    ['330212005', '中河街道'],
    ['330212006', '首南街道'],
    ['330212106', '邱隘镇'],
    ['330212110', '姜山镇'],
  ],
  // 温州市乐清市
  '330382': [
    ['330382001', '城东街道'],
    ['330382002', '乐成街道'],
    ['330382104', '雁荡镇'],
    ['330382114', '柳市镇'],
    ['330382115', '北白象镇'],
  ],
  // 金华市永康市
  '330784': [
    ['330784001', '东城街道'],
    ['330784002', '西城街道'],
    ['330784003', '江南街道'],
    ['330784105', '石柱镇'],
    ['330784115', '芝英镇'],
  ],
};

/**
 * The county-level divisions that carry townships, organisations, staff, citizens and
 * enterprises: 西湖区, 余杭区 (Hangzhou), 鄞州区 (Ningbo), 乐清市 (Wenzhou), 永康市 (Jinhua).
 */
export const demoCounties: string[] = ['330106', '330110', '330212', '330382', '330784'];

function buildRegions(): DemoRegion[] {
  const regions: DemoRegion[] = [{ code: PROVINCE[0], name: PROVINCE[1], level: 'province', parentCode: null }];
  for (const city of CITIES) {
    regions.push({ code: city.code, name: city.name, level: 'city', parentCode: PROVINCE[0] });
    for (const [code, name] of city.counties) {
      regions.push({ code, name, level: 'county', parentCode: city.code });
      for (const [townCode, townName] of DEMO_TOWNSHIPS[code] ?? []) {
        regions.push({ code: townCode, name: townName, level: 'township', parentCode: code });
      }
    }
  }
  return regions;
}

/** Province, cities, counties and demo townships, each parent before its children. */
export const demoRegions: DemoRegion[] = buildRegions();

export const demoRegionByCode: ReadonlyMap<string, DemoRegion> = new Map(demoRegions.map((region) => [region.code, region]));

/** The townships of the demo counties. */
export const demoTownships: DemoRegion[] = demoRegions.filter((r) => r.level === 'township');

/** Full name from the province down, e.g. `浙江省杭州市西湖区北山街道`. */
export function demoRegionFullName(code: string): string {
  const names: string[] = [];
  for (let region = demoRegionByCode.get(code); region;) {
    names.unshift(region.name);
    region = region.parentCode === null ? undefined : demoRegionByCode.get(region.parentCode);
  }
  return names.join('');
}
