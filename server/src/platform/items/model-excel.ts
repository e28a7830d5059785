import ExcelJS from 'exceljs';
import type { ItemType, Level } from './items.schemas.ts';

/** The sheet's columns, as people in the departments name them. */
export const columns = ['核心业务', '业务模块', '业务单元', '业务事项', '事项类型', '协同部门'] as const;
const levelColumns: Level[] = ['core', 'module', 'unit', 'item'];
const typeLabels: Record<ItemType, string> = { governance: '治理', service: '服务' };

export interface SheetRow {
  row: number;
  path: string[]; // core, module, unit, item — a shorter path is a branch without items yet
  itemType: ItemType | null;
  collaborators: string[];
}

export interface RowError {
  row: number;
  column: string | null;
  code: string;
  params?: Record<string, string | number>;
}

export interface ExportNode {
  level: Level;
  name: string;
  itemType: ItemType | null;
  collaboratorNames: string[];
  children: ExportNode[];
}

/** One row per item (and one per branch that has no items yet), so a round trip is exact. */
export async function writeTree(orgName: string, roots: ExportNode[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Zhili 治理';
  const sheet = workbook.addWorksheet('业务模型', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((header) => ({ header, width: header === '协同部门' ? 40 : 24 }));
  sheet.getRow(1).font = { bold: true };
  const walk = (node: ExportNode, path: string[]) => {
    const here = [...path, node.name];
    if (node.level === 'item') {
      sheet.addRow([...here, typeLabels[node.itemType ?? 'service'], node.collaboratorNames.join('、')]);
    } else if (node.children.length === 0) {
      sheet.addRow([...here, ...Array(4 - here.length).fill(''), '', '']);
    }
    for (const child of node.children) walk(child, here);
  };
  for (const root of roots) walk(root, []);
  sheet.headerFooter.oddHeader = `&C${orgName} 业务模型`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads the first sheet; a wrong header is one error on row 1 and nothing else is read. */
export async function readSheet(file: Buffer): Promise<{ rows: SheetRow[]; errors: RowError[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return { rows: [], errors: [{ row: 0, column: null, code: 'items.import_not_xlsx' }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { rows: [], errors: [{ row: 0, column: null, code: 'items.import_not_xlsx' }] };
  const header = columns.map((_, i) =>
    sheet
      .getRow(1)
      .getCell(i + 1)
      .text.trim(),
  );
  if (header.join('|') !== columns.join('|')) {
    return { rows: [], errors: [{ row: 1, column: null, code: 'items.import_bad_header', params: { expected: columns.join('、') } }] };
  }
  const rows: SheetRow[] = [];
  const errors: RowError[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells = columns.map((_, i) => row.getCell(i + 1).text.trim());
    if (cells.every((c) => c === '')) return;
    const names = cells.slice(0, 4);
    const depth = names.findIndex((n) => n === '');
    const path = depth === -1 ? names : names.slice(0, depth);
    if (path.length === 0) errors.push({ row: number, column: columns[0], code: 'items.import_required' });
    const gap = names.slice(path.length).findIndex((n) => n !== '');
    if (gap !== -1) errors.push({ row: number, column: columns[path.length]!, code: 'items.import_required' });
    for (const [i, name] of path.entries()) {
      if (name.length > 100) errors.push({ row: number, column: columns[i]!, code: 'items.import_too_long', params: { max: 100 } });
    }
    const typeText = cells[4]!;
    let itemType: ItemType | null = null;
    if (path.length === 4) {
      itemType = typeText === '治理' ? 'governance' : typeText === '服务' ? 'service' : null;
      if (!itemType) errors.push({ row: number, column: columns[4], code: 'items.import_bad_type' });
    } else if (gap === -1 && (typeText || cells[5])) {
      errors.push({ row: number, column: columns[3], code: 'items.import_required' });
    }
    const collaborators = cells[5]!
      .split(/[、,，;；\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
    rows.push({ row: number, path, itemType, collaborators });
  });
  if (rows.length === 0 && errors.length === 0) errors.push({ row: 2, column: null, code: 'items.import_empty' });
  return { rows, errors };
}

export { levelColumns };
