import type { Database } from '../../kernel/index.ts';
import type { AuditLog } from '../audit/index.ts';
import type { CatalogService, RecordStore } from '../catalog/index.ts';
import type { IdentityStore } from '../identity/index.ts';
import { ApiKeyService } from './api-keys.service.ts';
import { ApplicationService } from './applications.service.ts';
import { CkanApi } from './ckan.ts';
import { DatasetReader } from './dataset-reader.ts';
import { PublishedCatalog } from './published.ts';

/** P4's parts wired together: the published catalog, CKAN, API keys, applications, and the reader of rows. */
export function createOpenData(deps: {
  db: Database;
  audit: AuditLog;
  identity: IdentityStore;
  catalog: CatalogService;
  records: RecordStore;
  publicUrl: string;
}) {
  const published = new PublishedCatalog(deps.catalog);
  const keys = new ApiKeyService(deps.db, deps.audit);
  const applications = new ApplicationService({ db: deps.db, audit: deps.audit, identity: deps.identity, published });
  return {
    publicUrl: deps.publicUrl,
    ckan: new CkanApi(published, deps.publicUrl),
    keys,
    applications,
    reader: new DatasetReader({ published, records: deps.records, keys, applications, audit: deps.audit }),
  };
}

export type OpenData = ReturnType<typeof createOpenData>;
