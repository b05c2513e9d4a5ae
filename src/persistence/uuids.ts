// Ids bound as one uuid[] parameter (`= ANY(${ids}::uuid[])`): a set read for an outbox
// batch passes hundreds at once, which an IN list of that many parameters makes three to
// four times slower (measured on PostgreSQL 15 and PGlite). A malformed id would fail the
// whole cast, so only well-formed ones are passed; such an id names nothing anyway.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The distinct well-formed uuids among `ids`. */
export const uuids = (ids: Iterable<string>): string[] => [...new Set(ids)].filter((id) => UUID.test(id));
