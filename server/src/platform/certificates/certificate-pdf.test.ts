import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { chineseDate, findSerial, renderCertificate } from './certificate-pdf.ts';
import { maskHolderName } from './certificate.service.ts';

const content = {
  serialNo: 'DZZZ0123456789ABCDEF',
  kind: '营业执照',
  orgName: '杭州市西湖区市场监督管理局',
  holderName: '杭州西湖珺燊科技有限公司',
  holderIdMasked: '9133**********001X',
  fields: [
    { label: '类型', value: '有限责任公司（自然人投资或控股）' },
    { label: '经营范围', value: '一般项目：技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广；软件开发。'.repeat(6) },
  ],
  issuedAt: new Date('2026-02-28T16:30:00Z'),
  verifyUrl: 'https://zhili.example.gov.cn/verify/DZZZ0123456789ABCDEF',
  verifyPageUrl: 'https://zhili.example.gov.cn/verify',
};

describe('certificate PDF', () => {
  it('embeds a subset of the Chinese font, names its serial in the Info dictionary, and breaks long content onto more pages', async () => {
    const pdf = await renderCertificate({
      ...content,
      fields: [...content.fields, ...Array.from({ length: 14 }, (_, i) => ({ label: `事项${i + 1}`, value: '内容'.repeat(40) }))],
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(150_000);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBeGreaterThan(1);
    expect(doc.getAuthor()).toBe(content.orgName);
    expect(doc.getCreationDate()?.toISOString()).toBe(content.issuedAt.toISOString());
    expect(pdf.toString('latin1')).toContain('/ZhiliSerialNo (DZZZ0123456789ABCDEF)');
  });

  it('finds the serial in the bytes, or through the Info dictionary when the file was re-saved compressed', async () => {
    const pdf = await renderCertificate(content);
    expect(await findSerial(pdf)).toBe(content.serialNo);
    const resaved = Buffer.from(await (await PDFDocument.load(pdf)).save({ useObjectStreams: true }));
    expect(resaved.toString('latin1')).not.toContain(content.serialNo);
    expect(await findSerial(resaved)).toBe(content.serialNo);
    expect(await findSerial(Buffer.from('%PDF-1.7 broken DZZZ0123456789ABCDEG'))).toBe('DZZZ0123456789ABCDEG');
    expect(await findSerial(Buffer.from('%PDF-1.7 broken'))).toBeUndefined();
  });

  it('dates in China’s time zone', () => {
    expect(chineseDate(content.issuedAt)).toBe('2026年3月1日');
  });

  it('masks the holder’s name for public checks', () => {
    expect(maskHolderName('王小明')).toBe('王*明');
    expect(maskHolderName('王明')).toBe('王*');
    expect(maskHolderName('欧阳小明')).toBe('欧**明');
    expect(maskHolderName('王')).toBe('*');
  });
});
