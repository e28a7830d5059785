// Organisations of the demo province at province, city, county and township level, each
// with its internal units (内设机构). Names follow the real bodies of Zhejiang; keys are
// stable slugs that staff, packs and tests refer to. Unit keys are `<orgKey>.<slug>`, so
// they are unique across the whole province.

import type { OrgKind } from '../../platform/identity/index.ts';

export type { OrgKind };

export interface DemoUnit {
  key: string;
  name: string;
  parentKey?: string;
}

export interface DemoOrganisation {
  /** Stable slug, e.g. 'zj-dsj'. */
  key: string;
  name: string;
  kind: OrgKind;
  regionCode: string;
  /** Superior organisation, where it is in the demo data. */
  parentKey: string | null;
  /** 内设机构, 2–5 each. */
  units: DemoUnit[];
}

/** [slug, name] or [slug, name, parent slug]. */
type UnitRow = readonly [slug: string, name: string, parentSlug?: string];

function org(
  key: string,
  name: string,
  kind: OrgKind,
  regionCode: string,
  parentKey: string | null,
  unitRows: readonly UnitRow[],
): DemoOrganisation {
  const units = unitRows.map(([slug, unitName, parentSlug]): DemoUnit => {
    const unit: DemoUnit = { key: `${key}.${slug}`, name: unitName };
    if (parentSlug !== undefined) unit.parentKey = `${key}.${parentSlug}`;
    return unit;
  });
  return { key, name, kind, regionCode, parentKey, units };
}

const ZJ = '330000';
const HZ = '330100';
const NB = '330200';
const WZ = '330300';
const JH = '330700';

const provinceOrganisations: DemoOrganisation[] = [
  org('zj-sw', '中共浙江省委员会', 'party', ZJ, null, [
    ['bgt', '省委办公厅'],
    ['zzb', '省委组织部'],
    ['xcb', '省委宣传部'],
    ['tzb', '省委统战部'],
    ['ggb', '省委全面深化改革委员会办公室'],
  ]),
  org('zj-zf', '浙江省人民政府', 'government', ZJ, null, [
    ['bgt', '省政府办公厅'],
    ['msc', '秘书处', 'bgt'],
    ['yjs', '省政府研究室'],
    ['dcs', '省政府督查室'],
  ]),
  org('zj-rd', '浙江省人民代表大会常务委员会', 'congress', ZJ, null, [
    ['bgt', '办公厅'],
    ['fgw', '法制工作委员会'],
    ['cjw', '财政经济委员会'],
    ['dbw', '代表工作委员会'],
  ]),
  org('zj-zx', '中国人民政治协商会议浙江省委员会', 'cppcc', ZJ, null, [
    ['bgt', '办公厅'],
    ['taw', '提案委员会'],
    ['jjw', '经济委员会'],
    ['sfw', '社会和法制委员会'],
  ]),
  org('zj-jw', '浙江省纪委省监委', 'discipline', ZJ, null, [
    ['bgt', '办公厅'],
    ['dfzf', '党风政风监督室'],
    ['xfs', '信访室'],
    ['ajjg', '案件监督管理室'],
    ['jc1', '第一监督检查室'],
  ]),
  org('zj-fy', '浙江省高级人民法院', 'court', ZJ, null, [
    ['lat', '立案庭'],
    ['xs1', '刑事审判第一庭'],
    ['ms1', '民事审判第一庭'],
    ['zxj', '执行局'],
    ['zxzh', '执行指挥中心', 'zxj'],
  ]),
  org('zj-jcy', '浙江省人民检察院', 'procuratorate', ZJ, null, [
    ['bgs', '办公室'],
    ['jc1', '第一检察部'],
    ['jc2', '第二检察部'],
    ['agb', '案件管理办公室'],
  ]),
  org('zj-zgh', '浙江省总工会', 'mass_org', ZJ, null, [
    ['bgs', '办公室'],
    ['zzb', '组织部'],
    ['qyb', '权益保障部'],
    ['jjb', '经济工作部'],
  ]),
  org('zj-dsj', '浙江省大数据发展管理局', 'department', ZJ, 'zj-zf', [
    ['bgs', '办公室'],
    ['sjzy', '数据资源处'],
    ['yytj', '应用推进处'],
    ['jcss', '基础设施处'],
    ['aqgl', '安全管理处'],
  ]),
  org('zj-sjzx', '浙江省数据管理中心', 'public_institution', ZJ, 'zj-dsj', [
    ['zhb', '综合部'],
    ['ptyw', '平台运维部'],
    ['sjzl', '数据治理部'],
    ['aqbz', '安全保障部'],
  ]),
  org('zj-fgw', '浙江省发展和改革委员会', 'department', ZJ, 'zj-zf', [
    ['bgs', '办公室'],
    ['fzgh', '发展规划处'],
    ['gdtz', '固定资产投资处'],
    ['shfz', '社会发展处'],
  ]),
  org('zj-jxt', '浙江省经济和信息化厅', 'department', ZJ, 'zj-zf', [
    ['bgs', '办公室'],
    ['zxsj', '产业转型升级处'],
    ['szjj', '数字经济处'],
    ['yxjc', '运行监测协调局'],
  ]),
  org('zj-scjg', '浙江省市场监督管理局', 'department', ZJ, 'zj-zf', [
    ['bgs', '办公室'],
    ['djzc', '登记注册局'],
    ['xyjg', '信用监督管理处'],
    ['wljy', '网络交易监督管理处'],
    ['spaq', '食品安全协调处'],
  ]),
  org('zj-gat', '浙江省公安厅', 'department', ZJ, 'zj-zf', [
    ['bgs', '办公室'],
    ['zazd', '治安总队'],
    ['wazd', '网络安全保卫总队'],
    ['kxj', '科技信息化局'],
  ]),
  org('zj-wjw', '浙江省卫生健康委员会', 'department', ZJ, 'zj-zf', [
    ['bgs', '办公室'],
    ['yzyg', '医政医管处'],
    ['jbyf', '疾病预防控制处'],
    ['jcws', '基层卫生健康处'],
    ['ghxx', '规划发展与信息化处'],
  ]),
  org('zj-rmyy', '浙江省人民医院', 'public_institution', ZJ, 'zj-wjw', [
    ['ywb', '医务部'],
    ['mzb', '门诊部'],
    ['hlb', '护理部'],
    ['xxzx', '信息中心'],
  ]),
  org('zj-rst', '浙江省人力资源和社会保障厅', 'department', ZJ, 'zj-zf', [
    ['bgs', '办公室'],
    ['jycj', '就业促进和失业保险处'],
    ['ylbx', '养老保险处'],
    ['rckf', '人才开发和市场处'],
  ]),
  org('zj-mzt', '浙江省民政厅', 'department', ZJ, 'zj-zf', [
    ['bgs', '办公室'],
    ['shjz', '社会救助处'],
    ['ylfw', '养老服务处'],
    ['qhdm', '区划地名处'],
    ['shzz', '社会组织管理局'],
  ]),
  org('zj-sft', '浙江省司法厅', 'department', ZJ, 'zj-zf', [
    ['bgs', '办公室'],
    ['zfxt', '行政执法协调监督处'],
    ['ggfl', '公共法律服务管理处'],
  ]),
  org('zj-ybj', '浙江省医疗保障局', 'department', ZJ, 'zj-zf', [
    ['bgs', '办公室'],
    ['dybz', '待遇保障处'],
    ['yyfw', '医药服务管理处'],
    ['jjjg', '基金监管处'],
  ]),
  // 以国家税务总局为主、与省政府双重领导: under the province government here, as its data holder.
  org('zj-swj', '国家税务总局浙江省税务局', 'department', ZJ, 'zj-zf', [
    ['bgs', '办公室'],
    ['zgkj', '征管和科技发展处'],
    ['nsfw', '纳税服务处'],
    ['hwlw', '货物和劳务税处'],
    ['sds', '所得税处'],
  ]),
  org('zj-zjt', '浙江省住房和城乡建设厅', 'department', ZJ, 'zj-zf', [
    ['bgs', '办公室'],
    ['gjjjg', '住房公积金监管处'],
    ['fdcjg', '房地产市场监管处'],
    ['zfbz', '住房保障处'],
    ['csjs', '城市建设处'],
  ]),
  org('zj-zrzyt', '浙江省自然资源厅', 'department', ZJ, 'zj-zf', [
    ['bgs', '办公室'],
    ['bdcdj', '不动产登记局'],
    ['gtkjgh', '国土空间规划局'],
    ['gdbh', '耕地保护监督处'],
    ['dcjc', '自然资源调查监测处'],
  ]),
  org('zj-jyt', '浙江省教育厅', 'department', ZJ, 'zj-zf', [
    ['bgs', '办公室'],
    ['jcjy', '基础教育处'],
    ['zyjy', '职业教育处'],
    ['gdjy', '高等教育处'],
    ['fzgh', '发展规划处'],
  ]),
];

const cityOrganisations: DemoOrganisation[] = [
  org('hz-sw', '中共杭州市委员会', 'party', HZ, 'zj-sw', [
    ['bgt', '市委办公厅'],
    ['zzb', '市委组织部'],
    ['zfw', '市委政法委员会'],
  ]),
  org('hz-zf', '杭州市人民政府', 'government', HZ, 'zj-zf', [
    ['bgt', '市政府办公厅'],
    ['yjs', '市政府研究室'],
    ['dcs', '市政府督查室'],
  ]),
  org('hz-sjj', '杭州市数据资源管理局', 'department', HZ, 'hz-zf', [
    ['bgs', '办公室'],
    ['sjzy', '数据资源处'],
    ['ptjs', '平台建设处'],
    ['yytj', '应用推进处'],
  ]),
  org('hz-scjg', '杭州市市场监督管理局', 'department', HZ, 'hz-zf', [
    ['bgs', '办公室'],
    ['djzc', '登记注册处'],
    ['xyjg', '信用监督管理处'],
    ['wljy', '网络交易监督管理处'],
  ]),
  org('hz-wjw', '杭州市卫生健康委员会', 'department', HZ, 'hz-zf', [
    ['bgs', '办公室'],
    ['yzyg', '医政医管处'],
    ['jbyf', '疾病预防控制处'],
    ['ghxx', '规划发展与信息化处'],
  ]),
  org('hz-zy', '杭州市中级人民法院', 'court', HZ, 'zj-fy', [
    ['lat', '立案庭'],
    ['xs1', '刑事审判第一庭'],
    ['ms1', '民事审判第一庭'],
    ['zxj', '执行局'],
  ]),
  org('nb-zf', '宁波市人民政府', 'government', NB, 'zj-zf', [
    ['bgt', '市政府办公厅'],
    ['yjs', '市政府研究室'],
    ['dcs', '市政府督查室'],
  ]),
  org('nb-dsj', '宁波市大数据发展管理局', 'department', NB, 'nb-zf', [
    ['bgs', '办公室'],
    ['sjzy', '数据资源处'],
    ['yytj', '应用推进处'],
    ['aqgl', '安全管理处'],
  ]),
  org('nb-scjg', '宁波市市场监督管理局', 'department', NB, 'nb-zf', [
    ['bgs', '办公室'],
    ['djzc', '登记注册处'],
    ['xyjg', '信用监督管理处'],
  ]),
  org('nb-yjj', '宁波市应急管理局', 'department', NB, 'nb-zf', [
    ['bgs', '办公室'],
    ['whp', '危险化学品安全监督管理处'],
    ['aqjc', '安全生产基础处'],
    ['yjzh', '应急指挥中心'],
  ]),
  org('nb-zy', '宁波市中级人民法院', 'court', NB, 'zj-fy', [
    ['lat', '立案庭'],
    ['ms1', '民事审判第一庭'],
    ['zxj', '执行局'],
  ]),
  org('wz-zf', '温州市人民政府', 'government', WZ, 'zj-zf', [
    ['bgs', '市政府办公室'],
    ['yjs', '市政府研究室'],
    ['dcs', '市政府督查室'],
  ]),
  org('jh-zf', '金华市人民政府', 'government', JH, 'zj-zf', [
    ['bgs', '市政府办公室'],
    ['yjs', '市政府研究室'],
  ]),
];

interface DemoCountyOrgSpec {
  /** Slug prefix of the county's organisations, e.g. 'xihu'. */
  prefix: string;
  regionCode: string;
  /** Full name prefix, e.g. '杭州市西湖区' or '乐清市'. */
  fullName: string;
  /** '区' for a district, '市' for a county-level city, '县' for a county. */
  suffix: '区' | '市' | '县';
  cityGovernmentKey: string;
  /** The 中级人民法院 above the county court, where it is in the demo data. */
  cityCourtKey: string | null;
}

const demoCountyOrgSpecs: readonly DemoCountyOrgSpec[] = [
  { prefix: 'xihu', regionCode: '330106', fullName: '杭州市西湖区', suffix: '区', cityGovernmentKey: 'hz-zf', cityCourtKey: 'hz-zy' },
  { prefix: 'yuhang', regionCode: '330110', fullName: '杭州市余杭区', suffix: '区', cityGovernmentKey: 'hz-zf', cityCourtKey: 'hz-zy' },
  { prefix: 'yinzhou', regionCode: '330212', fullName: '宁波市鄞州区', suffix: '区', cityGovernmentKey: 'nb-zf', cityCourtKey: 'nb-zy' },
  { prefix: 'yueqing', regionCode: '330382', fullName: '乐清市', suffix: '市', cityGovernmentKey: 'wz-zf', cityCourtKey: null },
  { prefix: 'yongkang', regionCode: '330784', fullName: '永康市', suffix: '市', cityGovernmentKey: 'jh-zf', cityCourtKey: null },
];

function countyOrganisations(spec: DemoCountyOrgSpec): DemoOrganisation[] {
  const { prefix: p, regionCode, fullName: n, suffix } = spec;
  const government = `${p}-zf`;
  return [
    org(government, `${n}人民政府`, 'government', regionCode, spec.cityGovernmentKey, [
      ['bgs', `${suffix}政府办公室`],
      ['dck', '督查科'],
      ['zwgk', '政务公开科'],
    ]),
    org(`${p}-sjj`, `${n}数据资源管理局`, 'department', regionCode, government, [
      ['bgs', '办公室'],
      ['sjzy', '数据资源科'],
      ['yytj', '应用推进科'],
      ['aqgl', '安全管理科'],
    ]),
    org(`${p}-scjg`, `${n}市场监督管理局`, 'department', regionCode, government, [
      ['bgs', '办公室'],
      ['djzc', '登记注册科'],
      ['xyjg', '信用监管科'],
      ['spaq', '食品安全协调科'],
    ]),
    org(`${p}-wjj`, `${n}卫生健康局`, 'department', regionCode, government, [
      ['bgs', '办公室'],
      ['yzyg', '医政医管科'],
      ['jbyf', '疾病预防控制科'],
      ['jcws', '基层卫生科'],
    ]),
    org(`${p}-mzj`, `${n}民政局`, 'department', regionCode, government, [
      ['bgs', '办公室'],
      ['shjz', '社会救助科'],
      ['ylfw', '养老服务科'],
      ['qhdm', '区划地名科'],
    ]),
    org(`${p}-fy`, `${n}人民法院`, 'court', regionCode, spec.cityCourtKey, [
      ['lat', '立案庭'],
      ['xst', '刑事审判庭'],
      ['mst', '民事审判庭'],
      ['zxj', '执行局'],
    ]),
  ];
}

interface DemoTownshipOrgSpec {
  key: string;
  name: string;
  regionCode: string;
  countyPrefix: string;
}

const demoTownshipOrgSpecs: readonly DemoTownshipOrgSpec[] = [
  { key: 'xihu-beishan', name: '杭州市西湖区北山街道办事处', regionCode: '330106002', countyPrefix: 'xihu' },
  { key: 'yuhang-liangzhu', name: '杭州市余杭区良渚街道办事处', regionCode: '330110010', countyPrefix: 'yuhang' },
  { key: 'yinzhou-zhonggongmiao', name: '宁波市鄞州区钟公庙街道办事处', regionCode: '330212002', countyPrefix: 'yinzhou' },
  { key: 'yueqing-liushi', name: '乐清市柳市镇人民政府', regionCode: '330382114', countyPrefix: 'yueqing' },
  { key: 'yongkang-zhiying', name: '永康市芝英镇人民政府', regionCode: '330784115', countyPrefix: 'yongkang' },
];

function townshipOrganisation(spec: DemoTownshipOrgSpec): DemoOrganisation {
  // 基层治理四平台: 综合信息指挥室 dispatches; 便民服务中心 is the service window.
  return org(spec.key, spec.name, 'township', spec.regionCode, `${spec.countyPrefix}-zf`, [
    ['dzb', '党政综合办公室'],
    ['zhzx', '基层治理综合信息指挥室'],
    ['paf', '平安法治办公室'],
    ['jjfz', '经济发展办公室'],
    ['bmfw', '便民服务中心'],
  ]);
}

export const demoOrganisations: DemoOrganisation[] = [
  ...provinceOrganisations,
  ...cityOrganisations,
  ...demoCountyOrgSpecs.flatMap(countyOrganisations),
  ...demoTownshipOrgSpecs.map(townshipOrganisation),
];

export const demoOrganisationByKey: ReadonlyMap<string, DemoOrganisation> = new Map(
  demoOrganisations.map((organisation) => [organisation.key, organisation]),
);

/** The slug prefix of each demo county's organisations, by county code ('330106' → 'xihu'). */
export const demoCountyOrgPrefixes: Readonly<Record<string, string>> = Object.fromEntries(
  demoCountyOrgSpecs.map((spec) => [spec.regionCode, spec.prefix]),
);
