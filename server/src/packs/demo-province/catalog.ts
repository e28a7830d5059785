import type { CatalogService, Field, RecordStore } from '../../platform/catalog/index.ts';
import { demoRecords } from './catalog-records.ts';
import { generateEnterprises } from './people.ts';
import type { IdentityStore } from '../../platform/identity/index.ts';

/**
 * The demo's data catalog (数据目录): the resources the seeds name (户籍人口, 出生医学证明, 婚姻登记,
 * 社保参保 …) registered by the province departments that hold them, with their fields graded
 * L1–L4 the way the grading rules want (personal identifiers L3+, open data L1 only), with
 * records: the open datasets' below, the others' from catalog-records.ts.
 */
type Grade = Field['grade'];
const f = (name: string, label: string, type: Field['type'], grade: Grade, key = false): Field => ({
  name,
  label,
  type,
  grade,
  key,
  required: key,
  description: '',
});
const idNumber = (label = '身份证号') => f('id_number', label, 'id_number', 'L4', true);
const personName = (label = '姓名') => f('name', label, 'string', 'L3');
const creditCode = () => f('credit_code', '统一社会信用代码', 'credit_code', 'L1', true);
const enterpriseName = () => f('enterprise_name', '企业名称', 'string', 'L1');

interface DemoResource {
  org: string;
  code: string;
  name: string;
  description: string;
  domain: 'basic' | 'shared' | 'open';
  shareType: 'unconditional' | 'conditional' | 'none';
  openType: 'open' | 'conditional' | 'none';
  updateFrequency: 'realtime' | 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'yearly' | 'irregular';
  sourceSystem: string;
  fields: Field[];
  /** 数据回流: the field naming the region a record came from */
  regionField?: string;
}

const shared = { domain: 'shared', shareType: 'conditional', openType: 'none' } as const;
const basic = { domain: 'basic', shareType: 'conditional', openType: 'none' } as const;
const open = { domain: 'open', shareType: 'unconditional', openType: 'open' } as const;

export const demoResources: readonly DemoResource[] = [
  {
    org: 'zj-gat',
    code: '330000-GA-0001',
    name: '户籍人口信息',
    description: '全省常住户籍人口基本信息（人口库）',
    ...basic,
    updateFrequency: 'daily',
    sourceSystem: '人口信息管理系统',
    regionField: 'region_code',
    fields: [
      idNumber(),
      personName(),
      f('gender', '性别', 'string', 'L2'),
      f('birth_date', '出生日期', 'date', 'L3'),
      f('ethnicity', '民族', 'string', 'L2'),
      f('household_address', '户籍地址', 'string', 'L3'),
      f('region_code', '户籍地行政区划代码', 'string', 'L2'),
    ],
  },
  {
    org: 'zj-gat',
    code: '330000-GA-0002',
    name: '居民身份证信息',
    description: '居民身份证签发与有效期',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '居民身份证管理系统',
    fields: [
      idNumber(),
      personName(),
      f('issuing_authority', '签发机关', 'string', 'L2'),
      f('valid_from', '有效期起', 'date', 'L2'),
      f('valid_to', '有效期止', 'date', 'L2'),
    ],
  },
  {
    org: 'zj-gat',
    code: '330000-GA-0003',
    name: '机动车登记信息',
    description: '机动车注册、转移、注销登记',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '机动车登记系统',
    fields: [
      f('plate_no', '号牌号码', 'string', 'L3', true),
      f('vehicle_type', '车辆类型', 'string', 'L1'),
      idNumber('所有人身份证号'),
      f('owner_name', '所有人姓名', 'string', 'L3'),
      f('registered_on', '初次登记日期', 'date', 'L2'),
    ],
  },
  {
    org: 'zj-gat',
    code: '330000-GA-0004',
    name: '机动车驾驶证信息',
    description: '驾驶证准驾车型与记分',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '驾驶人管理系统',
    fields: [
      idNumber(),
      personName(),
      f('licence_class', '准驾车型', 'string', 'L2'),
      f('points', '累积记分', 'integer', 'L3'),
      f('valid_to', '有效期止', 'date', 'L2'),
    ],
  },
  {
    org: 'zj-wjw',
    code: '330000-WJ-0001',
    name: '出生医学证明',
    description: '新生儿出生医学证明签发信息（出生一件事）',
    ...shared,
    updateFrequency: 'realtime',
    sourceSystem: '出生医学证明管理系统',
    fields: [
      f('certificate_no', '出生医学证明编号', 'string', 'L2', true),
      f('baby_name', '新生儿姓名', 'string', 'L3'),
      f('birth_date', '出生日期', 'date', 'L3'),
      f('gender', '性别', 'string', 'L2'),
      idNumber('母亲身份证号'),
      f('father_id_number', '父亲身份证号', 'id_number', 'L4'),
      f('hospital', '助产机构', 'string', 'L1'),
    ],
  },
  {
    org: 'zj-wjw',
    code: '330000-WJ-0002',
    name: '死亡医学证明',
    description: '居民死亡医学证明（身后一件事）',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '死亡医学证明管理系统',
    fields: [
      idNumber(),
      personName(),
      f('death_date', '死亡日期', 'date', 'L3'),
      f('cause_category', '死因类别', 'string', 'L4'),
      f('certifying_unit', '签发单位', 'string', 'L1'),
    ],
  },
  {
    org: 'zj-wjw',
    code: '330000-WJ-0003',
    name: '预防接种记录',
    description: '儿童预防接种记录',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '免疫规划信息系统',
    fields: [
      idNumber('受种者身份证号'),
      f('vaccine', '疫苗名称', 'string', 'L2'),
      f('dose', '剂次', 'integer', 'L2'),
      f('vaccinated_on', '接种日期', 'date', 'L3'),
      f('clinic', '接种单位', 'string', 'L1'),
    ],
  },
  {
    org: 'zj-wjw',
    code: '330000-WJ-0004',
    name: '医疗机构名录',
    description: '全省医疗机构执业登记公开信息',
    ...open,
    updateFrequency: 'monthly',
    sourceSystem: '医疗机构管理系统',
    fields: [
      f('licence_no', '执业许可证登记号', 'string', 'L1', true),
      f('institution_name', '机构名称', 'string', 'L1'),
      f('category', '机构类别', 'string', 'L1'),
      f('address', '地址', 'string', 'L1'),
      f('region_code', '行政区划代码', 'string', 'L1'),
    ],
  },
  {
    org: 'zj-rst',
    code: '330000-RS-0001',
    name: '社会保险参保信息',
    description: '职工与城乡居民养老、工伤、失业保险参保',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '社会保险信息系统',
    fields: [
      idNumber(),
      personName(),
      f('insurance_type', '险种', 'string', 'L2'),
      f('status', '参保状态', 'string', 'L2'),
      f('employer_credit_code', '参保单位统一社会信用代码', 'credit_code', 'L2'),
      f('since', '参保日期', 'date', 'L2'),
    ],
  },
  {
    org: 'zj-rst',
    code: '330000-RS-0002',
    name: '就业登记信息',
    description: '劳动者就业与失业登记',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '公共就业服务系统',
    fields: [
      idNumber(),
      personName(),
      f('employer', '用人单位', 'string', 'L2'),
      f('registered_on', '登记日期', 'date', 'L2'),
      f('kind', '登记类别', 'string', 'L2'),
    ],
  },
  {
    org: 'zj-rst',
    code: '330000-RS-0003',
    name: '职业技能等级证书',
    description: '职业技能等级认定结果',
    ...shared,
    updateFrequency: 'weekly',
    sourceSystem: '职业技能鉴定系统',
    fields: [
      f('certificate_no', '证书编号', 'string', 'L2', true),
      idNumber(),
      personName(),
      f('occupation', '职业（工种）', 'string', 'L1'),
      f('level', '等级', 'string', 'L1'),
    ],
  },
  {
    org: 'zj-mzt',
    code: '330000-MZ-0001',
    name: '婚姻登记信息',
    description: '结婚、离婚登记信息',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '婚姻登记管理系统',
    fields: [
      f('certificate_no', '婚姻登记证字号', 'string', 'L3', true),
      idNumber('男方身份证号'),
      f('female_id_number', '女方身份证号', 'id_number', 'L4'),
      f('kind', '登记类别', 'string', 'L3'),
      f('registered_on', '登记日期', 'date', 'L3'),
    ],
  },
  {
    org: 'zj-mzt',
    code: '330000-MZ-0002',
    name: '最低生活保障对象',
    description: '城乡低保对象及保障金额',
    ...shared,
    updateFrequency: 'monthly',
    sourceSystem: '社会救助信息系统',
    fields: [
      idNumber(),
      personName(),
      f('household_size', '保障人口', 'integer', 'L3'),
      f('monthly_amount', '月保障金额（元）', 'number', 'L3'),
      f('region_code', '行政区划代码', 'string', 'L2'),
    ],
  },
  {
    org: 'zj-mzt',
    code: '330000-MZ-0003',
    name: '残疾人两项补贴',
    description: '困难残疾人生活补贴和重度残疾人护理补贴',
    ...shared,
    updateFrequency: 'monthly',
    sourceSystem: '残疾人两项补贴系统',
    fields: [
      idNumber(),
      personName(),
      f('disability_card_no', '残疾人证号', 'string', 'L4'),
      f('subsidy_kind', '补贴类别', 'string', 'L3'),
      f('monthly_amount', '月补贴金额（元）', 'number', 'L3'),
    ],
  },
  {
    org: 'zj-mzt',
    code: '330000-MZ-0004',
    name: '养老机构名录',
    description: '全省养老机构备案公开信息',
    ...open,
    updateFrequency: 'quarterly',
    sourceSystem: '养老服务管理系统',
    fields: [
      creditCode(),
      f('institution_name', '机构名称', 'string', 'L1'),
      f('beds', '床位数', 'integer', 'L1'),
      f('address', '地址', 'string', 'L1'),
      f('phone_public', '咨询电话（公开）', 'string', 'L1'),
    ],
  },
  {
    org: 'zj-sft',
    code: '330000-SF-0001',
    name: '律师执业信息',
    description: '律师执业证与执业机构',
    ...shared,
    updateFrequency: 'weekly',
    sourceSystem: '律师管理系统',
    fields: [
      f('licence_no', '执业证号', 'string', 'L1', true),
      personName('律师姓名'),
      f('firm', '执业机构', 'string', 'L1'),
      f('status', '执业状态', 'string', 'L1'),
    ],
  },
  {
    org: 'zj-sft',
    code: '330000-SF-0002',
    name: '公证书信息',
    description: '公证书出具记录（可供核验）',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '公证管理系统',
    fields: [
      f('notarial_no', '公证书编号', 'string', 'L2', true),
      f('matter', '公证事项', 'string', 'L2'),
      idNumber('申请人身份证号'),
      f('issued_on', '出具日期', 'date', 'L2'),
    ],
  },
  {
    org: 'zj-ybj',
    code: '330000-YB-0001',
    name: '医疗保险参保信息',
    description: '职工和城乡居民基本医疗保险参保',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '医疗保障信息平台',
    fields: [
      idNumber(),
      personName(),
      f('insurance_type', '险种类型', 'string', 'L2'),
      f('status', '参保状态', 'string', 'L2'),
      f('since', '参保日期', 'date', 'L2'),
    ],
  },
  {
    org: 'zj-ybj',
    code: '330000-YB-0002',
    name: '医保结算记录',
    description: '定点医药机构医保费用结算',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '医疗保障信息平台',
    fields: [
      f('settlement_no', '结算单号', 'string', 'L3', true),
      idNumber(),
      f('institution', '定点机构', 'string', 'L1'),
      f('total', '总费用（元）', 'number', 'L3'),
      f('fund_paid', '基金支付（元）', 'number', 'L3'),
    ],
  },
  {
    org: 'zj-scjg',
    code: '330000-SC-0001',
    name: '企业登记信息',
    description: '市场主体设立、变更、注销登记',
    ...basic,
    updateFrequency: 'realtime',
    sourceSystem: '市场主体登记系统',
    fields: [
      creditCode(),
      enterpriseName(),
      f('legal_representative', '法定代表人', 'string', 'L2'),
      f('legal_rep_id_number', '法定代表人身份证号', 'id_number', 'L4'),
      f('registered_capital', '注册资本（万元）', 'number', 'L1'),
      f('established_on', '成立日期', 'date', 'L1'),
      f('status', '登记状态', 'string', 'L1'),
    ],
  },
  {
    org: 'zj-scjg',
    code: '330000-SC-0002',
    name: '市场监管行政处罚',
    description: '市场监管领域行政处罚决定',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '市场监管执法办案系统',
    fields: [
      f('decision_no', '处罚决定书文号', 'string', 'L1', true),
      creditCode(),
      f('violation', '违法行为类型', 'string', 'L1'),
      f('penalty', '处罚内容', 'string', 'L1'),
      f('decided_on', '处罚日期', 'date', 'L1'),
    ],
  },
  {
    org: 'zj-scjg',
    code: '330000-SC-0003',
    name: '食品经营许可证',
    description: '食品经营许可发证信息',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '食品经营许可系统',
    fields: [
      f('licence_no', '许可证编号', 'string', 'L1', true),
      creditCode(),
      enterpriseName(),
      f('category', '经营项目', 'string', 'L1'),
      f('valid_to', '有效期至', 'date', 'L1'),
    ],
  },
  {
    org: 'zj-scjg',
    code: '330000-SC-0004',
    name: '企业名录公示',
    description: '企业基本信息公示（开放数据）',
    ...open,
    updateFrequency: 'daily',
    sourceSystem: '国家企业信用信息公示系统（浙江）',
    fields: [
      creditCode(),
      enterpriseName(),
      f('enterprise_type', '企业类型', 'string', 'L1'),
      f('established_on', '成立日期', 'date', 'L1'),
      f('region_code', '登记机关行政区划', 'string', 'L1'),
    ],
  },
  {
    org: 'zj-fgw',
    code: '330000-FG-0001',
    name: '公共信用记录',
    description: '法人和自然人公共信用信息',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '公共信用信息平台',
    fields: [
      creditCode(),
      enterpriseName(),
      f('credit_score', '公共信用评价分', 'integer', 'L2'),
      f('credit_level', '信用等级', 'string', 'L2'),
      f('updated_on', '评价日期', 'date', 'L1'),
    ],
  },
  {
    org: 'zj-fgw',
    code: '330000-FG-0002',
    name: '企业投资项目备案',
    description: '企业投资项目备案信息',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '投资项目在线审批监管平台',
    fields: [
      f('project_code', '项目代码', 'string', 'L1', true),
      creditCode(),
      f('project_name', '项目名称', 'string', 'L1'),
      f('investment', '总投资（万元）', 'number', 'L2'),
      f('filed_on', '备案日期', 'date', 'L1'),
    ],
  },
  {
    org: 'zj-jxt',
    code: '330000-JX-0001',
    name: '亩均效益评价结果',
    description: '规上工业企业亩均论英雄评价结果',
    ...shared,
    updateFrequency: 'yearly',
    sourceSystem: '亩均论英雄大数据平台',
    fields: [
      creditCode(),
      enterpriseName(),
      f('tax_per_mu', '亩均税收（万元）', 'number', 'L2'),
      f('value_added_per_mu', '亩均增加值（万元）', 'number', 'L2'),
      f('grade', '评价等级（A/B/C/D）', 'string', 'L2'),
      f('year', '评价年度', 'integer', 'L1'),
    ],
  },
  {
    org: 'zj-jxt',
    code: '330000-JX-0002',
    name: '工业企业用电信息',
    description: '规上工业企业月度用电量',
    ...shared,
    updateFrequency: 'monthly',
    sourceSystem: '经济运行监测平台',
    fields: [creditCode(), f('month', '统计月份', 'string', 'L1'), f('kwh', '用电量（千瓦时）', 'number', 'L2')],
  },
  {
    org: 'zj-fy',
    code: '330000-FY-0001',
    name: '失信被执行人',
    description: '失信被执行人名单',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '执行案件管理系统',
    fields: [
      f('case_no', '执行案号', 'string', 'L1', true),
      f('party_id', '被执行人证件号码', 'id_number', 'L3'),
      f('party_name', '被执行人名称', 'string', 'L1'),
      f('obligation', '生效法律文书确定的义务', 'string', 'L1'),
      f('published_on', '发布日期', 'date', 'L1'),
    ],
  },
  {
    org: 'zj-fy',
    code: '330000-FY-0002',
    name: '裁判文书目录',
    description: '已公开裁判文书目录',
    ...open,
    updateFrequency: 'daily',
    sourceSystem: '裁判文书公开平台',
    fields: [
      f('case_no', '案号', 'string', 'L1', true),
      f('court', '审理法院', 'string', 'L1'),
      f('cause', '案由', 'string', 'L1'),
      f('judged_on', '裁判日期', 'date', 'L1'),
    ],
  },
  {
    org: 'zj-zgh',
    code: '330000-GH-0001',
    name: '困难职工档案',
    description: '在档困难职工帮扶信息',
    ...shared,
    updateFrequency: 'monthly',
    sourceSystem: '工会帮扶系统',
    fields: [
      idNumber(),
      personName(),
      f('employer', '工作单位', 'string', 'L2'),
      f('difficulty', '困难类型', 'string', 'L3'),
      f('aid_amount', '帮扶金额（元）', 'number', 'L3'),
    ],
  },
  {
    org: 'zj-dsj',
    code: '330000-DS-0001',
    name: '电子证照目录',
    description: '全省电子证照种类与签发部门',
    ...open,
    updateFrequency: 'weekly',
    sourceSystem: '电子证照库',
    fields: [
      f('licence_type_code', '证照类型代码', 'string', 'L1', true),
      f('licence_type_name', '证照类型名称', 'string', 'L1'),
      f('issuer', '签发部门', 'string', 'L1'),
      f('count', '已归集数量', 'integer', 'L1'),
    ],
  },
  {
    org: 'zj-dsj',
    code: '330000-DS-0002',
    name: '政务服务事项目录',
    description: '依申请政务服务事项及承诺时限',
    ...open,
    updateFrequency: 'weekly',
    sourceSystem: '政务服务事项管理系统',
    fields: [
      f('item_code', '事项编码', 'string', 'L1', true),
      f('item_name', '事项名称', 'string', 'L1'),
      f('department', '实施部门', 'string', 'L1'),
      f('time_limit_days', '承诺时限（工作日）', 'integer', 'L1'),
    ],
  },
  {
    org: 'zj-dsj',
    code: '330000-DS-0003',
    name: '政务服务好差评统计',
    description: '各地政务服务“好差评”按月汇总（有条件开放：申请获批后可下载）',
    domain: 'open',
    shareType: 'unconditional',
    openType: 'conditional',
    updateFrequency: 'monthly',
    sourceSystem: '政务服务好差评系统',
    fields: [
      f('stat_id', '统计编号', 'string', 'L1', true),
      f('region_name', '地区', 'string', 'L1'),
      f('month', '统计月份', 'string', 'L1'),
      f('reviews', '评价总数', 'integer', 'L1'),
      f('good_rate', '好评率（%）', 'number', 'L2'),
    ],
  },
  {
    org: 'zj-rmyy',
    code: '330000-YY-0001',
    name: '门诊就诊记录',
    description: '门诊挂号与就诊摘要',
    ...shared,
    updateFrequency: 'realtime',
    sourceSystem: '医院信息系统（HIS）',
    fields: [
      f('visit_no', '就诊流水号', 'string', 'L3', true),
      idNumber('患者身份证号'),
      f('department', '就诊科室', 'string', 'L2'),
      f('diagnosis', '诊断', 'string', 'L4'),
      f('visited_on', '就诊日期', 'date', 'L3'),
    ],
  },
  {
    org: 'zj-jcy',
    code: '330000-JC-0001',
    name: '公益诉讼案件',
    description: '检察公益诉讼立案与办理',
    ...shared,
    updateFrequency: 'weekly',
    sourceSystem: '检察业务应用系统',
    fields: [
      f('case_no', '案件编号', 'string', 'L2', true),
      f('field', '领域', 'string', 'L1'),
      f('stage', '办理阶段', 'string', 'L2'),
      f('filed_on', '立案日期', 'date', 'L2'),
    ],
  },
  {
    org: 'zj-swj',
    code: '330000-SW-0001',
    name: '纳税信息',
    description: '企业增值税及附加税费申报（每户最近一个税款所属期）与纳税信用等级',
    ...shared,
    updateFrequency: 'monthly',
    sourceSystem: '金税工程税收征管系统',
    fields: [
      f('declaration_no', '申报序号', 'string', 'L2', true),
      creditCode(),
      enterpriseName(),
      f('taxpayer_type', '纳税人类型', 'string', 'L2'),
      f('tax_period', '税款所属期', 'string', 'L2'),
      f('sales', '申报销售额（元）', 'number', 'L3'),
      f('vat', '增值税（元）', 'number', 'L3'),
      f('total_tax', '增值税及附加税费合计（元）', 'number', 'L3'),
      f('credit_rating', '纳税信用等级', 'string', 'L2'),
      f('declared_on', '申报日期', 'date', 'L2'),
      f('tax_authority', '主管税务机关', 'string', 'L1'),
    ],
  },
  {
    org: 'zj-zjt',
    code: '330000-ZJ-0001',
    name: '住房公积金缴存信息',
    description: '职工住房公积金账户、缴存单位与缴存额',
    ...shared,
    updateFrequency: 'monthly',
    sourceSystem: '住房公积金监管服务平台',
    fields: [
      idNumber(),
      personName(),
      f('account_no', '个人公积金账号', 'string', 'L3'),
      f('employer_credit_code', '缴存单位统一社会信用代码', 'credit_code', 'L2'),
      f('employer', '缴存单位', 'string', 'L2'),
      f('status', '缴存状态', 'string', 'L2'),
      f('monthly_deposit', '月缴存额（元）', 'number', 'L3'),
      f('balance', '账户余额（元）', 'number', 'L3'),
      f('opened_on', '开户日期', 'date', 'L2'),
    ],
  },
  {
    org: 'zj-zrzyt',
    code: '330000-ZR-0001',
    name: '不动产登记信息',
    description: '房屋等不动产的权利人、坐落与面积（共有的，每名共有人一条）',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '不动产登记信息管理基础平台',
    fields: [
      f('certificate_no', '不动产权证号', 'string', 'L2', true),
      idNumber('权利人身份证号'),
      personName('权利人姓名'),
      f('address', '坐落', 'string', 'L3'),
      f('area', '建筑面积（平方米）', 'number', 'L2'),
      f('use', '用途', 'string', 'L2'),
      f('co_ownership', '共有情况', 'string', 'L2'),
      f('registered_on', '登记日期', 'date', 'L2'),
    ],
  },
  {
    org: 'zj-jyt',
    code: '330000-JY-0001',
    name: '学籍信息',
    description: '中小学和中等职业学校在籍学生',
    ...shared,
    updateFrequency: 'daily',
    sourceSystem: '中小学生学籍信息管理系统',
    fields: [
      // 全国学籍号 is 'G' followed by the 身份证号, so it is graded like one.
      f('student_no', '学籍号', 'string', 'L4', true),
      idNumber('学生身份证号'),
      personName('学生姓名'),
      f('school', '学校', 'string', 'L1'),
      f('stage', '学段', 'string', 'L2'),
      f('grade', '年级', 'string', 'L2'),
      f('enrolled_on', '入学日期', 'date', 'L2'),
    ],
  },
];

/** Records for the open datasets, so the CKAN API and its downloads have something to give. */
function openRecords(): Record<string, Record<string, unknown>[]> {
  const enterprises = generateEnterprises().slice(0, 60);
  return {
    '330000-WJ-0004': [
      ['PDY00001X33010217A1001', '浙江省人民医院', '综合医院', '杭州市上城区上塘路158号', '330102'],
      ['PDY00002X33010617A1002', '杭州市西湖区留下街道社区卫生服务中心', '社区卫生服务中心', '杭州市西湖区留下街道', '330106'],
      ['PDY00003X33021217A1003', '宁波市鄞州区第二医院', '综合医院', '宁波市鄞州区', '330212'],
      ['PDY00004X33038217A1004', '乐清市人民医院', '综合医院', '乐清市', '330382'],
      ['PDY00005X33078417A1005', '永康市妇幼保健院', '妇幼保健院', '永康市', '330784'],
    ].map(([licence_no, institution_name, category, address, region_code]) => ({
      licence_no,
      institution_name,
      category,
      address,
      region_code,
    })),
    '330000-MZ-0004': enterprises.slice(0, 8).map((e, i) => ({
      credit_code: e.uscc,
      institution_name: `${e.name.replace(/有限公司$|有限责任公司$/, '')}颐养院`,
      beds: 80 + i * 20,
      address: e.regionCode,
      phone_public: `0571-8${String(7000000 + i).slice(-7)}`,
    })),
    '330000-SC-0004': enterprises.map((e) => ({
      credit_code: e.uscc,
      enterprise_name: e.name,
      enterprise_type: '有限责任公司',
      established_on: e.establishedOn,
      region_code: e.regionCode,
    })),
    '330000-DS-0001': [
      ['11100000MB0143028Q001', '居民身份证', '公安厅', 58_000_000],
      ['11100000MB0143028Q002', '营业执照', '市场监督管理局', 9_100_000],
      ['11100000MB0143028Q003', '出生医学证明', '卫生健康委员会', 1_900_000],
      ['11100000MB0143028Q004', '结婚证', '民政厅', 7_400_000],
    ].map(([licence_type_code, licence_type_name, issuer, count]) => ({ licence_type_code, licence_type_name, issuer, count })),
    '330000-DS-0002': [
      ['330000-XK-0001', '食品经营许可（新办）', '市场监督管理局', 10],
      ['330000-XK-0002', '出生一件事联办', '卫生健康委员会', 1],
      ['330000-XK-0003', '结婚登记', '民政局', 1],
      ['330000-XK-0004', '医保参保登记', '医疗保障局', 1],
    ].map(([item_code, item_name, department, time_limit_days]) => ({ item_code, item_name, department, time_limit_days })),
    '330000-DS-0003': [
      '杭州市',
      '宁波市',
      '温州市',
      '嘉兴市',
      '湖州市',
      '绍兴市',
      '金华市',
      '衢州市',
      '舟山市',
      '台州市',
      '丽水市',
    ].flatMap((region_name, r) =>
      ['2026-08', '2026-09', '2026-10'].map((month, m) => ({
        stat_id: `HCP-${month}-${String(r + 1).padStart(2, '0')}`,
        region_name,
        month,
        reviews: 20_000 + ((r * 7919 + m * 104_729) % 60_000),
        good_rate: Math.round((99.2 + ((r * 13 + m * 7) % 8) / 10) * 10) / 10,
      })),
    ),
    '330000-FY-0002': [
      ['（2026）浙01民终1234号', '杭州市中级人民法院', '买卖合同纠纷', '2026-06-18'],
      ['（2026）浙0106民初5678号', '杭州市西湖区人民法院', '民间借贷纠纷', '2026-08-02'],
    ].map(([case_no, court, cause, judged_on]) => ({ case_no, court, cause, judged_on })),
  };
}

export async function installDemoCatalog(catalog: CatalogService, identity: IdentityStore, records?: RecordStore): Promise<number> {
  const admin = await identity.actorForUsername('admin');
  if (!admin) return 0;
  const slugs = [...new Set(demoResources.map((r) => r.org))];
  const orgs = new Map<string, string>();
  for (const slug of slugs) {
    const id = await identity.orgIdBySlug(slug);
    if (id) orgs.set(slug, id);
  }
  const rowsByCode: Record<string, Record<string, unknown>[]> = records ? { ...openRecords(), ...demoRecords() } : {};
  let installed = 0;
  for (const { org, ...resource } of demoResources) {
    const orgId = orgs.get(org);
    if (!orgId) continue;
    const created = await catalog.create(admin, { orgId, ...resource, regionField: resource.regionField ?? null });
    const rows = rowsByCode[resource.code] ?? [];
    // RecordStore.put takes at most 1,000 records a call.
    for (let i = 0; records && i < rows.length; i += 1000) await records.put(admin, created.id, rows.slice(i, i + 1000));
    installed += 1;
  }
  return installed;
}
