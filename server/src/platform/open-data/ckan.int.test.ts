import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../testing/databases.ts';
import { startTestNode, type TestNode } from '../../testing/test-node.ts';

/** CKAN's documented envelope: `{ help, success, result }`, or `{ help, success: false, error: { __type, message } }`. */
describe.each(testDatabases())('the CKAN Action API on %s', (kind) => {
  let t: TestNode;
  const action = async (name: string, query = '') => {
    const response = await t.request('GET', `/api/3/action/${name}${query ? `?${query}` : ''}`); // anonymous: open data
    return { status: response.statusCode, body: response.json() };
  };

  beforeAll(async () => {
    t = await startTestNode(kind);
    const admin = await t.login('admin');
    const hospitals = (await t.request('GET', `/api/v1/catalog/resources?q=${encodeURIComponent('医疗机构名录')}`, { as: admin })).json()
      .items[0];
    const put = await t.request('PUT', `/api/v1/catalog/resources/${hospitals.id}/records`, {
      as: admin,
      body: {
        records: [
          {
            licence_no: 'PDY00001X33010617A1001',
            institution_name: '杭州市西湖区留下街道社区卫生服务中心',
            category: '社区卫生服务中心',
            address: '杭州市西湖区留下街道',
            region_code: '330106',
          },
          {
            licence_no: 'PDY00002X33010617A1002',
            institution_name: '浙江省人民医院',
            category: '综合医院',
            address: '杭州市上城区上塘路158号, 东院',
            region_code: '330102',
          },
        ],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
  });
  afterAll(() => t?.close());

  it('lists and shows the open datasets as CKAN packages', async () => {
    const list = await action('package_list');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ success: true, help: expect.stringContaining('/api/3/action/help_show?name=package_list') });
    expect(list.body.result).toEqual(expect.arrayContaining(['330000-wj-0004', '330000-sc-0004']));
    expect(list.body.result).not.toContain('330000-ga-0001'); // 户籍人口 is not open

    const show = (await action('package_show', 'id=330000-wj-0004')).body.result;
    expect(show).toMatchObject({
      name: '330000-wj-0004',
      title: '医疗机构名录',
      type: 'dataset',
      state: 'active',
      private: false,
      license_id: 'zj-public-data-open',
      organization: { title: '浙江省卫生健康委员会', is_organization: true },
      num_resources: 3,
    });
    expect(show.resources.map((r: { format: string }) => r.format)).toEqual(['CSV', 'JSON', 'XLSX']);
    expect(show.tags.length).toBe(show.num_tags);
    const resource = (await action('resource_show', `id=${show.resources[0].id}`)).body.result;
    expect(resource).toMatchObject({ package_id: show.id, format: 'CSV' });
  });

  it('searches with q, fq, rows, start and sort as CKAN does', async () => {
    const found = (await action('package_search', `q=${encodeURIComponent('医疗机构')}`)).body.result;
    expect(found.count).toBe(1);
    expect(found.results[0].name).toBe('330000-wj-0004');
    const all = (await action('package_search', 'rows=2&start=0&sort=name%20asc')).body.result;
    expect(all.count).toBeGreaterThanOrEqual(6);
    expect(all.results).toHaveLength(2);
    expect(all.results[0].name < all.results[1].name).toBe(true);
    const next = (await action('package_search', 'rows=2&start=2&sort=name%20asc')).body.result;
    expect(next.results[0].name > all.results[1].name).toBe(true);
    const org = (await action('package_show', 'id=330000-wj-0004')).body.result.owner_org;
    const byOrg = (await action('package_search', `fq=${encodeURIComponent(`organization:${org}`)}`)).body.result;
    expect(byOrg.results.every((p: { owner_org: string }) => p.owner_org === org)).toBe(true);
    const bad = await action('package_search', 'rows=abc');
    expect(bad.status).toBe(409);
    expect(bad.body).toMatchObject({ success: false, error: { __type: 'Validation Error' } });
  });

  it('answers organisations, tags, licences, status, and CKAN errors', async () => {
    const orgs = (await action('organization_list', 'all_fields=true')).body.result;
    const health = orgs.find((o: { title: string }) => o.title === '浙江省卫生健康委员会');
    expect(health).toMatchObject({ is_organization: true, package_count: 1 });
    expect((await action('organization_list')).body.result).toContain(health.name);
    expect((await action('organization_show', `id=${health.id}`)).body.result.packages).toHaveLength(1);
    expect((await action('tag_list')).body.result).toEqual(expect.arrayContaining(['医疗', '名录']));
    expect((await action('license_list')).body.result[0]).toMatchObject({ id: 'zj-public-data-open' });
    expect((await action('status_show')).body.result).toMatchObject({ ckan_version: expect.any(String), locale_default: 'zh_Hans_CN' });
    expect((await action('group_list')).body.result).toEqual([]);
    const missing = await action('package_show', 'id=330000-ga-0001');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ success: false, error: { __type: 'Not Found Error', message: 'Not found' } });
    const unknown = await action('no_such_action');
    expect(unknown.status).toBe(400);
    expect(unknown.body.success).toBe(false);
  });

  it('downloads an open dataset as CSV, JSON and XLSX; a closed one is not there', async () => {
    const csv = await t.request('GET', '/open/v1/datasets/330000-wj-0004/download.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('执业许可证登记号,机构名称,机构类别,地址,行政区划代码');
    expect(csv.body).toContain('"杭州市上城区上塘路158号, 东院"'); // quoted, as CSV wants
    const json = (await t.request('GET', '/open/v1/datasets/330000-wj-0004/download.json')).json();
    expect(lines).toHaveLength(json.length + 1); // the header, then a line a record
    expect(json.map((r: { institution_name: string }) => r.institution_name)).toContain('浙江省人民医院');
    const xlsx = await t.request('GET', '/open/v1/datasets/330000-wj-0004/download.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.rowCount).toBe(json.length + 1);
    expect((await t.request('GET', '/open/v1/datasets/330000-ga-0001/download.csv')).statusCode).toBe(404);
  });

  it('describes the catalog and each dataset in DCAT-AP, as Turtle and JSON-LD', async () => {
    const ttl = await t.request('GET', '/catalog.ttl');
    expect(ttl.statusCode).toBe(200);
    expect(ttl.headers['content-type']).toMatch(/text\/turtle/);
    expect(ttl.body).toContain('dcat:Catalog');
    expect(ttl.body).toMatch(/dcat:dataset <[^>]+\/dataset\/330000-/);
    expect(ttl.body).toContain('/dataset/330000-wj-0004> a dcat:Dataset');
    const jsonld = (await t.request('GET', '/dataset/330000-wj-0004.jsonld')).json();
    const dataset = jsonld['@graph'].find((n: { '@type': string }) => n['@type'] === 'dcat:Dataset');
    expect(dataset['dct:title']).toEqual({ '@value': '医疗机构名录', '@language': 'zh' });
    expect(dataset['dcat:distribution']).toHaveLength(3);
    const distribution = jsonld['@graph'].find((n: { '@type': string }) => n['@type'] === 'dcat:Distribution');
    expect(distribution['dcat:downloadURL']['@id']).toMatch(/\/open\/v1\/datasets\/330000-wj-0004\/download\./);
    expect((await t.request('GET', '/dataset/330000-ga-0001.ttl')).statusCode).toBe(404);
  });
});
