-- Chinese search: trigram index over the words a resource is found by (pg_trgm; in PGlite it
-- is loaded as an extension, on a PostgreSQL server it comes with contrib and is trusted).
create extension if not exists pg_trgm;
create index data_resources_search on data_resources using gin (search_text gin_trgm_ops);
