/** P1.2: the kinds of organisation a Zhili node knows. */
export const orgKinds = [
  { kind: 'party', zh: '党委', en: 'Party committee' },
  { kind: 'government', zh: '人民政府', en: "People's government" },
  { kind: 'department', zh: '政府部门', en: 'Government department' },
  { kind: 'congress', zh: '人大', en: "People's congress" },
  { kind: 'cppcc', zh: '政协', en: 'CPPCC' },
  { kind: 'court', zh: '法院', en: 'Court' },
  { kind: 'procuratorate', zh: '检察院', en: 'Procuratorate' },
  { kind: 'discipline', zh: '纪委监委', en: 'Discipline inspection and supervision' },
  { kind: 'mass_org', zh: '群团组织', en: 'Mass organisation' },
  { kind: 'public_institution', zh: '事业单位', en: 'Public institution' },
  { kind: 'township', zh: '乡镇（街道）', en: 'Township / subdistrict' },
] as const;

export type OrgKind = (typeof orgKinds)[number]['kind'];
export const orgKindValues = orgKinds.map((k) => k.kind) as [OrgKind, ...OrgKind[]];
