import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { create as createFont, type Font } from 'fontkit';
import { degrees, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { create as createQr } from 'qrcode';

/** What a certificate's PDF shows. */
export interface CertificateContent {
  serialNo: string;
  kind: string;
  orgName: string;
  holderName: string;
  /** already masked, as printed */
  holderIdMasked: string;
  fields: { label: string; value: string }[];
  caseRef?: string | undefined;
  issuedAt: Date;
  /** the page the QR code opens: `${publicUrl}/verify/${serialNo}` */
  verifyUrl: string;
  /** where anyone may upload the file to check it: `${publicUrl}/verify` */
  verifyPageUrl: string;
}

/** The Info dictionary entry that names the certificate, in plain ASCII, so an uploaded copy can be matched. */
export const serialInfoKey = 'ZhiliSerialNo';
/** 'DZZZ' (电子证照) and 16 Crockford base-32 characters: 80 random bits, no I L O U to misread. */
export const serialPattern = /DZZZ[0-9A-HJKMNP-TV-Z]{16}/;

const A4 = { width: 595.28, height: 841.89 };
const ink = rgb(0.13, 0.13, 0.13);
const muted = rgb(0.42, 0.42, 0.42);
const frame = rgb(0.66, 0.16, 0.12);
const sealRed = rgb(0.85, 0.07, 0.07);

/*
 * Noto Sans SC (SIL OFL 1.1) as static TrueType, from the npm package @expo-google-fonts/noto-sans-sc:
 * one file per weight covering all common Chinese (and rare name characters such as 珺 燊 堃).
 * fontkit 2 subsets it (the embedded font holds only the glyphs used: ~10 KB, not 10 MB); it is
 * parsed once per process and shared by every document. @pdf-lib/fontkit is not used: its
 * subsets of CJK fonts lose glyphs (TrueType) or are unreadable (CFF).
 */
interface LoadedFont {
  bytes: Uint8Array;
  font: Font;
}
let fonts: { regular: LoadedFont; bold: LoadedFont } | undefined;

function loadFont(file: string): LoadedFont {
  const path = createRequire(import.meta.url).resolve(`@expo-google-fonts/noto-sans-sc/${file}`);
  const bytes = readFileSync(path);
  const font = createFont(bytes) as Font;
  // pdf-lib asks for `subset.encodeStream()` (fontkit 1's API); fontkit 2 encodes in one call.
  const createSubset = font.createSubset.bind(font);
  Object.assign(font, {
    createSubset() {
      const subset = createSubset();
      return Object.assign(subset, { encodeStream: () => Readable.from([subset.encode()]) });
    },
  });
  return { bytes, font };
}

function loadedFonts() {
  fonts ??= {
    regular: loadFont('400Regular/NotoSansSC_400Regular.ttf'),
    bold: loadFont('700Bold/NotoSansSC_700Bold.ttf'),
  };
  return fonts;
}

/** pdf-lib's font engine: the already parsed fonts, found by their bytes. */
const fontEngine = {
  create(bytes: Uint8Array) {
    const { regular, bold } = loadedFonts();
    if (bytes === regular.bytes) return regular.font;
    if (bytes === bold.bytes) return bold.font;
    throw new Error('only the certificate fonts are embedded');
  },
};

/** Renders the certificate: A4, its content, the QR code to the verify page, the organisation's e-seal. */
export async function renderCertificate(content: CertificateContent): Promise<Buffer> {
  const { regular, bold } = loadedFonts();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontEngine as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const text = await doc.embedFont(regular.bytes, { subset: true });
  const heading = await doc.embedFont(bold.bytes, { subset: true });
  writeMetadata(doc, content);

  const rows: { label: string; value: string }[] = [
    { label: '持证人', value: content.holderName },
    { label: '证件号码', value: content.holderIdMasked },
    ...content.fields,
    ...(content.caseRef ? [{ label: '办件编号', value: content.caseRef }] : []),
  ];
  let page = newPage(doc, content, text, heading, true);
  let y = 640;
  const labelX = 78;
  const valueX = 188;
  const valueWidth = A4.width - valueX - 72;
  const issuerTop = 250; // the QR code, the organisation, the date and the seal sit below, on the last page
  for (const row of rows) {
    const lines = wrap(row.value || '—', text, 13, valueWidth);
    const labelLines = wrap(row.label, text, 12, valueX - labelX - 10);
    const height = Math.max(lines.length, labelLines.length) * 20 + 12;
    if (y - height < 90) {
      page = newPage(doc, content, text, heading, false);
      y = 690;
    }
    labelLines.forEach((line, i) => page.drawText(line, { x: labelX, y: y - 14 - i * 20, size: 12, font: text, color: muted }));
    lines.forEach((line, i) => page.drawText(line, { x: valueX, y: y - 14 - i * 20, size: 13, font: text, color: ink }));
    y -= height;
    page.drawLine({ start: { x: labelX, y: y + 4 }, end: { x: A4.width - 72, y: y + 4 }, thickness: 0.4, color: rgb(0.85, 0.85, 0.85) });
  }
  if (y < issuerTop) page = newPage(doc, content, text, heading, false);
  drawIssuer(page, content, text, heading);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function writeMetadata(doc: PDFDocument, content: CertificateContent) {
  doc.setTitle(`${content.kind}（电子证照 ${content.serialNo}）`);
  doc.setAuthor(content.orgName);
  doc.setSubject('电子证照');
  doc.setKeywords([content.serialNo, content.kind]);
  doc.setCreator('Zhili 治理 · 电子证照');
  doc.setProducer('Zhili 治理 (pdf-lib)');
  doc.setCreationDate(content.issuedAt);
  doc.setModificationDate(content.issuedAt);
  // With object streams off, this entry stays readable as plain ASCII in the file's bytes.
  infoDict(doc)?.set(PDFName.of(serialInfoKey), PDFString.of(content.serialNo));
}

function infoDict(doc: PDFDocument): PDFDict | undefined {
  const ref = doc.context.trailerInfo.Info;
  if (!ref) return undefined;
  const dict = doc.context.lookup(ref);
  return dict instanceof PDFDict ? dict : undefined;
}

function newPage(doc: PDFDocument, content: CertificateContent, text: PDFFont, heading: PDFFont, first: boolean): PDFPage {
  const page = doc.addPage([A4.width, A4.height]);
  page.drawRectangle({ x: 26, y: 26, width: A4.width - 52, height: A4.height - 52, borderColor: frame, borderWidth: 2.2 });
  page.drawRectangle({ x: 32, y: 32, width: A4.width - 64, height: A4.height - 64, borderColor: frame, borderWidth: 0.6 });
  centered(page, '电子证照', 766, 11, text, muted, 6);
  if (first) {
    const size = content.kind.length <= 8 ? 30 : Math.max(18, 30 - (content.kind.length - 8) * 1.5);
    const spacing = content.kind.length <= 6 ? 10 : 2;
    centered(page, content.kind, 718, size, heading, ink, spacing);
  } else {
    centered(page, `${content.kind}（续页）`, 730, 16, heading, ink, 0);
  }
  centered(page, `证照编号：${content.serialNo}`, first ? 690 : 712, 10.5, text, muted, 0);
  page.drawLine({ start: { x: 72, y: first ? 672 : 700 }, end: { x: A4.width - 72, y: first ? 672 : 700 }, thickness: 1, color: frame });
  const note = `本证照由签发机关以 SM2 数字签名。扫描二维码，或在 ${content.verifyPageUrl} 上传本文件，可核验真伪。`;
  wrap(note, text, 8, A4.width - 144).forEach((line, i) => centered(page, line, 52 - i * 11, 8, text, muted, 0));
  return page;
}

/** The QR code (bottom left), the issuing organisation and the date (bottom right) under its seal. */
function drawIssuer(page: PDFPage, content: CertificateContent, text: PDFFont, heading: PDFFont) {
  const qrSize = 104;
  drawQr(page, content.verifyUrl, 76, 98, qrSize);
  page.drawText('扫码核验', { x: 76 + qrSize / 2 - text.widthOfTextAtSize('扫码核验', 9) / 2, y: 84, size: 9, font: text, color: muted });

  const right = A4.width - 84;
  const orgLines = wrap(content.orgName, heading, 14, 230);
  const date = chineseDate(content.issuedAt);
  let y = 190;
  for (const line of orgLines) {
    page.drawText(line, { x: right - heading.widthOfTextAtSize(line, 14), y, size: 14, font: heading, color: ink });
    y -= 22;
  }
  page.drawText(date, { x: right - text.widthOfTextAtSize(date, 13), y, size: 13, font: text, color: ink });
  drawSeal(page, content.orgName, right - 64, y + 28, heading);
}

function drawQr(page: PDFPage, url: string, x: number, y: number, size: number) {
  const { modules } = createQr(url, { errorCorrectionLevel: 'M' });
  const cell = size / modules.size;
  // One path of row runs: a few hundred rectangles drawn as one fill.
  let path = '';
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      path += `M${(start * cell).toFixed(2)} ${(row * cell).toFixed(2)}h${((col - start) * cell).toFixed(2)}v${cell.toFixed(2)}h${(-(col - start) * cell).toFixed(2)}Z`;
    }
  }
  // drawSvgPath measures y downwards from (x, y): the top left corner.
  page.drawSvgPath(path, { x, y: y + size, color: rgb(0, 0, 0) });
}

/**
 * The e-seal 电子印章: a red ring, a five-pointed star, the organisation's name around the upper
 * arc and 电子证照专用章 below the star — drawn as vectors over the issuer's name and date.
 */
function drawSeal(page: PDFPage, orgName: string, cx: number, cy: number, font: PDFFont) {
  const radius = 58;
  const opacity = 0.88;
  page.drawCircle({ x: cx, y: cy, size: radius, borderColor: sealRed, borderWidth: 3.4, borderOpacity: opacity });

  const outer = 17;
  const inner = outer * 0.382;
  const points: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? outer : inner;
    const angle = Math.PI / 2 + (i * Math.PI) / 5;
    // SVG coordinates: y grows downwards
    points.push(`${(r * Math.cos(angle)).toFixed(2)} ${(-r * Math.sin(angle)).toFixed(2)}`);
  }
  page.drawSvgPath(`M${points.join('L')}Z`, { x: cx, y: cy + 2, color: sealRed, opacity, borderWidth: 0 });

  const chars = Array.from(orgName);
  const textRadius = radius - 15;
  let size = chars.length <= 8 ? 14 : Math.max(7.5, 14 - (chars.length - 8) * 0.55);
  let step = (size * 1.12) / textRadius; // radians per character
  const maxSpan = (250 * Math.PI) / 180;
  if (step * (chars.length - 1) > maxSpan) {
    step = maxSpan / (chars.length - 1);
    size = Math.min(size, (step * textRadius) / 1.05);
  }
  const start = Math.PI / 2 + (step * (chars.length - 1)) / 2;
  chars.forEach((char, i) => {
    const theta = start - i * step;
    const rotation = theta - Math.PI / 2; // the glyph's up points outwards
    const width = font.widthOfTextAtSize(char, size);
    const ux = Math.cos(rotation);
    const uy = Math.sin(rotation);
    const px = cx + textRadius * Math.cos(theta);
    const py = cy + textRadius * Math.sin(theta);
    // place the glyph's centre on the arc: back half its width along the baseline, down a third of its size
    const x = px - (width / 2) * ux + size * 0.36 * uy;
    const y = py - (width / 2) * uy - size * 0.36 * ux;
    page.drawText(char, { x, y, size, font, color: sealRed, opacity, rotate: degrees((rotation * 180) / Math.PI) });
  });
  const label = '电子证照专用章';
  page.drawText(label, { x: cx - font.widthOfTextAtSize(label, 8.5) / 2, y: cy - 32, size: 8.5, font, color: sealRed, opacity });
}

function centered(page: PDFPage, line: string, y: number, size: number, font: PDFFont, color: ReturnType<typeof rgb>, spacing: number) {
  const chars = Array.from(line);
  if (!spacing) {
    page.drawText(line, { x: (A4.width - font.widthOfTextAtSize(line, size)) / 2, y, size, font, color });
    return;
  }
  const width = font.widthOfTextAtSize(line, size) + spacing * (chars.length - 1);
  let x = (A4.width - width) / 2;
  for (const char of chars) {
    page.drawText(char, { x, y, size, font, color });
    x += font.widthOfTextAtSize(char, size) + spacing;
  }
}

/** Breaks a line of Chinese (any character may end a line) to fit `width`. */
function wrap(value: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of value.split(/\r?\n/)) {
    let line = '';
    for (const char of Array.from(paragraph)) {
      if (line && font.widthOfTextAtSize(line + char, size) > width) {
        lines.push(line);
        line = '';
      }
      line += char;
    }
    lines.push(line);
  }
  return lines;
}

/** 2026年3月1日, in China's time. */
export function chineseDate(at: Date): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric' })
    .formatToParts(at)
    .reduce<Record<string, string>>((all, p) => ({ ...all, [p.type]: p.value }), {});
  return `${parts.year}年${parts.month}月${parts.day}日`;
}

/**
 * The serial number a PDF claims to be: the Info entry pdf-lib reads, or — when the file does
 * not parse, or was re-saved without it — the first serial-shaped run of ASCII in its bytes.
 */
export async function findSerial(content: Buffer): Promise<string | undefined> {
  const inBytes = serialPattern.exec(content.toString('latin1'))?.[0];
  if (inBytes) return inBytes;
  try {
    const doc = await PDFDocument.load(content, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
    const value = infoDict(doc)?.lookup(PDFName.of(serialInfoKey));
    const text = value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
    return text ? serialPattern.exec(text)?.[0] : undefined;
  } catch {
    return undefined;
  }
}

export interface PersonalSeal {
  name: string;
  orgName: string;
  signedAt: Date;
  /** 0-based page; the last page when beyond the document */
  pageIndex: number;
  /** the seal's centre, in PDF points from the page's bottom left */
  x: number;
  y: number;
}

/**
 * 电子签章 for a person: a red square name seal (姓名章) with the organisation and the time
 * beneath, stamped onto an existing PDF. Returns the new document's bytes.
 */
export async function stampPersonalSeal(pdf: Uint8Array, seal: PersonalSeal): Promise<Buffer> {
  const { bold, regular } = loadedFonts();
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  doc.registerFontkit(fontEngine as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const heading = await doc.embedFont(bold.bytes, { subset: true });
  const text = await doc.embedFont(regular.bytes, { subset: true });
  const pages = doc.getPages();
  const page = pages[Math.min(seal.pageIndex, pages.length - 1)]!;
  const side = 54;
  const { x, y } = seal;
  page.drawRectangle({ x: x - side / 2, y: y - side / 2, width: side, height: side, borderColor: sealRed, borderWidth: 2.6, opacity: 0 });
  // the name read top to bottom, right column first (traditional seal order), "印" completing an even count
  const chars = Array.from(seal.name).slice(0, 4);
  if (chars.length % 2 === 1) chars.push(chars.length === 1 ? '之' : '印');
  const rows = chars.length / 2;
  const size = rows === 1 ? 20 : 17;
  chars.forEach((char, i) => {
    const column = i < rows ? 1 : 0; // right column first
    const row = i % rows;
    const cx = x + (column === 1 ? side / 4 : -side / 4);
    const cy = y + (rows === 1 ? 0 : row === 0 ? side / 4 : -side / 4);
    page.drawText(char, {
      x: cx - heading.widthOfTextAtSize(char, size) / 2,
      y: cy - size * 0.36,
      size,
      font: heading,
      color: sealRed,
      opacity: 0.9,
    });
  });
  // beneath: the organisation (shrunk to the seal's slot) and the date, two lines
  const captions = [seal.orgName, `${chineseDate(seal.signedAt)} 电子签名`].filter(Boolean);
  captions.forEach((line, i) => {
    const size = Math.min(7, (110 / Math.max(1, text.widthOfTextAtSize(line, 7))) * 7);
    page.drawText(line, { x: x - text.widthOfTextAtSize(line, size) / 2, y: y - side / 2 - 10 - i * 9, size, font: text, color: sealRed });
  });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
