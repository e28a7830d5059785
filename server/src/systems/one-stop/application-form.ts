import { createHash } from 'node:crypto';
import type { StoredService } from './service-catalog.ts';
import type { ServiceMaterial } from './service-item.types.ts';

/**
 * One vocabulary of application fields for every service: a question is asked under one key,
 * so a 一件事 bundle's merged form asks it once however many departments need it. A field may
 * name where shared data holds its answer for the applicant (预填): a catalog resource read by
 * the applicant's own 身份证号 / 统一社会信用代码 through the data gateway, or their account.
 */
export interface FormField {
  title: string;
  type: 'string' | 'integer' | 'number';
  format?: 'date';
  pattern?: string;
  enum?: string[];
  maxLength?: number;
  minimum?: number;
  /** where the answer is known: the applicant's account, or a resource keyed by the applicant */
  prefill?: { account: 'displayName' | 'idNumber' | 'phone' } | { resource: string; field: string };
  /** only shown, never changed by the applicant (an identity that was verified) */
  readOnly?: boolean;
}

const idNumber = '^[1-9]\\d{5}(18|19|20)\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx]$';
const creditCode = '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$';
const phone = '^1[3-9]\\d{9}$';

export const formFields = {
  applicantName: { title: '申请人姓名', type: 'string', maxLength: 50, prefill: { account: 'displayName' }, readOnly: true },
  applicantIdNumber: { title: '申请人身份证号', type: 'string', pattern: idNumber, prefill: { account: 'idNumber' }, readOnly: true },
  phone: { title: '联系电话', type: 'string', pattern: phone, prefill: { account: 'phone' } },
  householdAddress: {
    title: '户籍地址',
    type: 'string',
    maxLength: 200,
    prefill: { resource: '330000-GA-0001', field: 'household_address' },
  },
  mailingAddress: { title: '证件邮寄地址', type: 'string', maxLength: 200 },
  description: { title: '申请说明', type: 'string', maxLength: 1000 },
  // 出生一件事: the birth the 助产机构 reported, read by the mother's 身份证号
  babyName: { title: '新生儿姓名', type: 'string', maxLength: 30, prefill: { resource: '330000-WJ-0001', field: 'baby_name' } },
  babyGender: { title: '新生儿性别', type: 'string', enum: ['男', '女'], prefill: { resource: '330000-WJ-0001', field: 'gender' } },
  babyBirthDate: {
    title: '新生儿出生日期',
    type: 'string',
    format: 'date',
    prefill: { resource: '330000-WJ-0001', field: 'birth_date' },
  },
  birthHospital: { title: '助产机构', type: 'string', maxLength: 100, prefill: { resource: '330000-WJ-0001', field: 'hospital' } },
  fatherIdNumber: {
    title: '父亲身份证号',
    type: 'string',
    pattern: idNumber,
    prefill: { resource: '330000-WJ-0001', field: 'father_id_number' },
  },
  householdSide: { title: '新生儿随父或随母落户', type: 'string', enum: ['随父', '随母'] },
  // 企业开办一件事
  companyName: { title: '企业名称', type: 'string', maxLength: 100 },
  creditCode: { title: '统一社会信用代码', type: 'string', pattern: creditCode, prefill: { account: 'idNumber' }, readOnly: true },
  legalRepresentative: { title: '法定代表人', type: 'string', maxLength: 50, prefill: { account: 'displayName' } },
  registeredCapital: { title: '注册资本（万元）', type: 'number', minimum: 0 },
  businessAddress: { title: '住所（经营场所）', type: 'string', maxLength: 200 },
  businessScope: { title: '经营范围', type: 'string', maxLength: 1000 },
  employeeCount: { title: '参保职工人数', type: 'integer', minimum: 0 },
  sealKinds: { title: '刻制印章', type: 'string', enum: ['公章', '公章、财务专用章', '公章、财务专用章、发票专用章'] },
  invoiceKind: { title: '申领发票种类', type: 'string', enum: ['数电发票（普通发票）', '数电发票（增值税专用发票）'] },
  // 退休一件事
  retirementDate: { title: '申请退休日期', type: 'string', format: 'date' },
  bankAccount: { title: '养老金发放银行账号', type: 'string', pattern: '^\\d{12,19}$' },
} satisfies Record<string, FormField>;

export type FormFieldKey = keyof typeof formFields;

/** A question of the vocabulary by its key (undefined for a key it does not have). */
export function fieldOf(key: string): FormField | undefined {
  return (formFields as Record<string, FormField>)[key];
}
export const formFieldKeys = Object.keys(formFields) as FormFieldKey[];

/** The questions every application asks when its guide names none. */
export const defaultCitizenFields: FormFieldKey[] = ['applicantName', 'applicantIdNumber', 'phone', 'description'];
export const defaultEnterpriseFields: FormFieldKey[] = ['companyName', 'creditCode', 'legalRepresentative', 'phone', 'description'];
/** Asked but never required. */
const optionalFields = new Set<string>(['description', 'mailingAddress']);

/** A material the applicant uploads (not 免提交, not the online form itself). */
export function uploadedMaterials(materials: ServiceMaterial[]): ServiceMaterial[] {
  return materials.filter((m) => !m.sharedFrom && !/在线填报|一并填报|无需本人提交/.test(m.note ?? ''));
}

/** A material's upload field, the same for the same material name in any service (a bundle asks it once). */
export function materialKey(name: string): string {
  return `material_${createHash('sm3').update(name).digest('hex').slice(0, 12)}`;
}

export interface ApplicationPart {
  fields: string[];
  materials: ServiceMaterial[];
}

/**
 * The JSON Schema of an application: its fields from the vocabulary (required unless optional)
 * and one attachment per material still to hand in. Several parts (a bundle) merge into one
 * form with each question once; a material is required if any part requires it.
 */
export function applicationSchema(parts: ApplicationPart[], options: { closed: boolean } = { closed: true }): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required = new Set<string>();
  for (const part of parts) {
    for (const key of part.fields) {
      const field = fieldOf(key);
      if (!field) continue;
      const { title, type, format, pattern, enum: values, maxLength, minimum, readOnly } = field;
      properties[key] = {
        title,
        type,
        ...(format ? { format } : {}),
        ...(pattern ? { pattern } : {}),
        ...(values ? { enum: values } : {}),
        ...(maxLength ? { maxLength } : {}),
        ...(minimum !== undefined ? { minimum } : {}),
        ...(readOnly ? { readOnly } : {}),
      };
      if (!optionalFields.has(key)) required.add(key);
    }
    for (const material of uploadedMaterials(part.materials)) {
      const key = materialKey(material.name);
      properties[key] = {
        title: material.name,
        type: 'string',
        format: 'attachment',
        ...(material.note ? { description: material.note } : {}),
      };
      if (material.required) required.add(key);
    }
  }
  // what the applicant sends is closed; the deployed form leaves room for the process's own variables
  return { type: 'object', ...(options.closed ? { additionalProperties: false } : {}), properties, required: [...required] };
}

/** The subset of merged form data one part asks for. */
export function partValues(part: ApplicationPart, values: Record<string, unknown>): Record<string, unknown> {
  const keys = new Set([...part.fields, ...uploadedMaterials(part.materials).map((m) => materialKey(m.name))]);
  return Object.fromEntries(Object.entries(values).filter(([k]) => keys.has(k)));
}

/** A service's part of an application: the questions its guide names (or the default ones) and its materials. */
export function partOf(service: Pick<StoredService, 'audience' | 'guide'>): ApplicationPart {
  const fields = service.guide.form ?? (service.audience === 'enterprise' ? defaultEnterpriseFields : defaultCitizenFields);
  return { fields, materials: service.guide.materials };
}

/** The application form of services — one, or a 一件事 bundle's parts merged — as applicants fill it. */
export function serviceApplicationSchema(services: Pick<StoredService, 'audience' | 'guide'>[]): Record<string, unknown> {
  return applicationSchema(services.map(partOf));
}
