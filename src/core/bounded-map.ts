// Adapters keep small in-memory caches (profiles, DM channels, sent cards). This keeps
// each one bounded: setting a key makes it the newest, and the oldest goes when full.
export function setBounded<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  if (map.size >= max) map.delete(map.keys().next().value as string);
  map.set(key, value);
}
