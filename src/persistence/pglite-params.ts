// PostgreSQL's settings for the embedded database, for every PGlite kohort opens.
import { PGlite } from '@electric-sql/pglite';

/**
 * How PostgreSQL inside PGlite runs. PGlite 0.5's initdb writes `shared_buffers = 128MB`, and
 * PostgreSQL touches all of it when it starts: opening the demo database took 297 MB of
 * resident memory with it and 175 MB with 16 MB, for a database of a few tens of megabytes
 * that the operating system's file cache holds anyway. The outbox was no slower for it (3,000
 * messages out of 30,000 rows: 41–44 s with 16 MB, 48–69 s with 128 MB, this machine).
 */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];
