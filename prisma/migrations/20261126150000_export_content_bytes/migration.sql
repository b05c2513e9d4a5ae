-- A download is stored as the bytes that are served. As text, PGlite's reader decoded it with a
-- TextDecoder that drops a leading byte-order mark, so CSV files arrived without the BOM that
-- Excel needs to read å, ä and ö. Converted in place (not dropped and re-added, as
-- `prisma migrate diff` writes it) so links handed out before the upgrade keep working.
ALTER TABLE "Export" ALTER COLUMN "content" SET DATA TYPE BYTEA USING convert_to("content", 'UTF8');
