// YAML files kohort reads (programs, questionnaires): parsed keeping source positions and
// checked with a zod schema, so every problem names its path and its line.
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

export type PathSegment = string | number;

export interface FileIssue {
  path: PathSegment[];
  message: string;
  line?: number;
}

export type ParsedYaml<T> = { ok: true; data: T; locate(path: PathSegment[]): number | undefined } | { ok: false; issues: FileIssue[] };

export function formatPath(path: PathSegment[]): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
}

export function formatIssue(issue: FileIssue): string {
  const where = issue.path.length > 0 ? `${formatPath(issue.path)}: ` : '';
  return `${where}${issue.message}${issue.line ? ` (line ${issue.line})` : ''}`;
}

/** YAML read as plain data, before any schema: what later checks can still look at when the schema fails. */
export type YamlDocument = ParsedYaml<unknown>;

/** `emptyHint` is said when the file holds nothing, e.g. where a complete example is. */
export function readYamlDocument(text: string, emptyHint: string): YamlDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        path: [],
        message: `not valid YAML: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`,
        line: e.linePos?.[0]?.line,
      })),
    };
  }
  if (doc.contents === null) return { ok: false, issues: [{ path: [], message: `the file is empty; ${emptyHint}` }] };
  return { ok: true, data: doc.toJS() ?? {}, locate: (path) => lineOf(doc, lineCounter, path) };
}

/** The document checked with a zod schema; each issue names its path and line. */
export function checkSchema<S extends z.ZodType>(schema: S, doc: Extract<YamlDocument, { ok: true }>): ParsedYaml<z.infer<S>> {
  const parsed = schema.safeParse(doc.data, {
    error: (issue) => (issue.input === undefined && issue.code === 'invalid_type' ? 'is required' : undefined),
  });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
      // An unknown key is located at the key itself, not at its parent mapping.
      const at = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...path, issue.keys[0]] : path;
      return { path, message: issue.message, line: doc.locate(at) };
    });
    return { ok: false, issues };
  }
  return { ok: true, data: parsed.data, locate: doc.locate };
}

/** `emptyHint` is said when the file holds nothing, e.g. where a complete example is. */
export function parseYamlFile<S extends z.ZodType>(text: string, schema: S, emptyHint: string): ParsedYaml<z.infer<S>> {
  const doc = readYamlDocument(text, emptyHint);
  return doc.ok ? checkSchema(schema, doc) : doc;
}

function lineOf(doc: Document, counter: LineCounter, path: PathSegment[]): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const prefix = path.slice(0, depth);
    const node = prefix.length === 0 ? doc.contents : doc.getIn(prefix, true);
    if (node && typeof node === 'object' && 'range' in node && Array.isArray(node.range)) {
      // A missing key is reported at the mapping that should hold it.
      return counter.linePos(node.range[0] as number).line;
    }
  }
  return undefined;
}
