// pglite-prisma-adapter 0.6 predates how Prisma 6.19's query compiler passes a `Bytes`
// value: as a base64 string, typed `bytes` in the query's `argTypes`. PGlite refuses that
// for a bytea parameter ("Invalid input for bytea type"). This converts such arguments to
// bytes, as @prisma/adapter-pg does for PostgreSQL, in and outside transactions. Reading
// bytea already works. Remove it once the adapter converts them itself.
import type { PrismaPGlite } from 'pglite-prisma-adapter';

type Adapter = Awaited<ReturnType<PrismaPGlite['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;
type Query = Parameters<Adapter['queryRaw']>[0];
type ArgType = Query['argTypes'][number];

function toBytes(arg: unknown, type: ArgType | undefined): unknown {
  if (type?.scalarType !== 'bytes' || arg === null) return arg;
  if (Array.isArray(arg) && type.arity === 'list') return arg.map((item: unknown) => toBytes(item, { ...type, arity: 'scalar' }));
  if (typeof arg === 'string') return Buffer.from(arg, 'base64');
  if (Array.isArray(arg)) return Buffer.from(arg as number[]);
  return arg;
}

const converted = (query: Query): Query => ({ ...query, args: query.args.map((arg, i) => toBytes(arg, query.argTypes[i])) });

/** The queryable (an adapter or one of its transactions) with byte arguments converted. */
function convertingBytes<T extends Adapter | Transaction>(target: T): T {
  return new Proxy(target, {
    get(object, property) {
      if (property === 'queryRaw') return (query: Query) => object.queryRaw(converted(query));
      if (property === 'executeRaw') return (query: Query) => object.executeRaw(converted(query));
      if (property === 'startTransaction' && 'startTransaction' in object) {
        return async (...args: Parameters<Adapter['startTransaction']>) => convertingBytes(await object.startTransaction(...args));
      }
      const value = Reflect.get(object, property, object) as unknown;
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

export function withByteArguments(factory: PrismaPGlite): PrismaPGlite {
  return new Proxy(factory, {
    get(object, property) {
      if (property === 'connect') return async () => convertingBytes(await object.connect());
      if (property === 'connectToShadowDb') return async () => convertingBytes(await object.connectToShadowDb());
      const value = Reflect.get(object, property, object) as unknown;
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
