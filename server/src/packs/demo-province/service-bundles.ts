import type { ServiceBundle, ServiceGuide } from '../../systems/one-stop/index.ts';

/**
 * What applying online asks and yields for the services the demo's 一件事 bundles are made of:
 * the questions (one vocabulary, so the merged form asks each once), the e-certificate issued
 * on approval, and who countersigns 会签.
 */
export const demoApplications: Record<string, Pick<ServiceGuide, 'form' | 'result' | 'countersignOrgs'>> = {
  // 出生一件事
  '330106-WJ-GG-001': {
    form: ['applicantName', 'applicantIdNumber', 'phone', 'babyName', 'babyGender', 'babyBirthDate', 'birthHospital', 'fatherIdNumber'],
    result: { certificate: '出生医学证明', fields: ['babyName', 'babyGender', 'babyBirthDate', 'birthHospital'] },
  },
  '330000-GA-QR-001': {
    form: ['applicantName', 'applicantIdNumber', 'phone', 'babyName', 'babyGender', 'babyBirthDate', 'householdSide', 'householdAddress'],
    result: { certificate: '户口登记证明', fields: ['babyName', 'babyGender', 'babyBirthDate', 'householdSide', 'householdAddress'] },
  },
  '330000-YB-GG-001': {
    form: ['applicantName', 'applicantIdNumber', 'phone', 'babyName', 'babyBirthDate'],
    result: { certificate: '城乡居民基本医疗保险参保凭证', fields: ['babyName', 'babyBirthDate'] },
  },
  '330000-RS-GG-001': {
    form: ['applicantName', 'applicantIdNumber', 'phone', 'babyName', 'babyBirthDate', 'mailingAddress'],
    result: { certificate: '电子社会保障卡', fields: ['babyName', 'babyBirthDate'] },
  },
  // 企业开办一件事
  '330106-SC-XK-002': {
    form: [
      'applicantName',
      'applicantIdNumber',
      'phone',
      'companyName',
      'legalRepresentative',
      'registeredCapital',
      'businessAddress',
      'businessScope',
    ],
    result: {
      certificate: '营业执照',
      fields: ['companyName', 'legalRepresentative', 'registeredCapital', 'businessAddress', 'businessScope'],
    },
  },
  '330000-GA-BA-001': { form: ['applicantName', 'applicantIdNumber', 'phone', 'companyName', 'sealKinds'] },
  '330000-SW-QT-001': { form: ['applicantName', 'applicantIdNumber', 'phone', 'companyName', 'invoiceKind'] },
  '330000-RS-GG-003': { form: ['applicantName', 'applicantIdNumber', 'phone', 'companyName', 'employeeCount'] },
  '330000-ZJ-GG-001': { form: ['applicantName', 'applicantIdNumber', 'phone', 'companyName', 'employeeCount'] },
  // 退休一件事
  '330000-RS-QR-001': {
    form: ['applicantName', 'applicantIdNumber', 'phone', 'retirementDate'],
    result: { certificate: '职工退休证', fields: ['applicantName', 'retirementDate'] },
    countersignOrgs: ['zj-ybj'],
  },
  '330000-RS-JF-001': { form: ['applicantName', 'applicantIdNumber', 'phone', 'retirementDate', 'bankAccount'] },
  '330000-YB-GG-002': { form: ['applicantName', 'applicantIdNumber', 'phone', 'retirementDate'] },
  '330000-ZJ-GG-003': { form: ['applicantName', 'applicantIdNumber', 'phone', 'retirementDate', 'bankAccount'] },
};

/** The demo's 一件事 (S2.2). */
export const demoBundles: ServiceBundle[] = [
  {
    code: 'YJS-CS-001',
    name: '出生一件事',
    audience: 'citizen',
    theme: 'infant',
    description:
      '宝宝出生后，一次申报即可办理出生医学证明、出生登记（落户）、城乡居民医保参保和社会保障卡申领，信息一次填报、部门分别办理、结果统一送达。',
    parts: ['330106-WJ-GG-001', '330000-GA-QR-001', '330000-YB-GG-001', '330000-RS-GG-001'],
    keywords: ['生孩子', '宝宝出生', '出生一件事', '新生儿'],
  },
  {
    code: 'YJS-QYKB-001',
    name: '企业开办一件事',
    audience: 'citizen',
    theme: 'startClose',
    description: '投资人一次填报，即可办理企业设立登记、公章刻制备案、发票领用、单位参保登记和住房公积金单位缴存登记，一日办结。',
    parts: ['330106-SC-XK-002', '330000-GA-BA-001', '330000-SW-QT-001', '330000-RS-GG-003', '330000-ZJ-GG-001'],
    keywords: ['开公司', '开办企业', '企业开办一件事', '开饭店'],
  },
  {
    code: 'YJS-TX-001',
    name: '退休一件事',
    audience: 'citizen',
    theme: 'elderly',
    description: '到达退休年龄时一次申报，即可办理退休审批、基本养老金申领、退休人员医保待遇变更和住房公积金退休提取。',
    parts: ['330000-RS-QR-001', '330000-RS-JF-001', '330000-YB-GG-002', '330000-ZJ-GG-003'],
    keywords: ['办退休', '退休手续', '退休一件事'],
  },
];
