// PostgreSQL's settings for the embedded database, for every PGlite kohort opens.
import { PGlite } from '@electric-sql/pglite';

/**
 * How PostgreSQL inside PGlite runs. PGlite 0.5's initdb writes `shared_buffers = 128MB`, and
 * PostgreSQL touches all of it when it starts: 128 MB of resident memory for a database of a
 * few tens of megabytes, which the operating system's file cache holds anyway. 16 MB is
 * what the whole demo cohort's working set needs (measured in `npm run bench:startup`).
 */
export const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];
