// The program file (YAML) as a zod schema. Unknown keys are rejected, so a typo such as
// `titel:` is reported instead of silently ignored. Cross-references (members, leads,
// unique keys) are checked in validate.ts, where the YAML line numbers are known.
import { PLATFORMS, type Platform } from '../../core/events.js';
import { LOCALES } from '../../i18n/i18n.js';
import { ROLES } from '../roles.js';
import { z } from 'zod';

const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes, e.g. "las-kapitel-1"');
const clock = z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'write a time of day like "09:00"');
const when = z.string().min(1, 'write a date like "2026-09-24 12:00" or "+21d 12:00"');
const text = z.string().trim().min(1, 'must not be empty');
const LANGUAGES_NOTE = 'give the text in at least one language, e.g. { sv: "…", en: "…" }';
/** A text people read: written once, or per language ({ sv: "…", en: "…" }); see localized.ts. */
const localized = <T extends z.ZodString>(one: T) =>
  z.union([one, z.strictObject({ sv: one.optional(), en: one.optional() }).refine((t) => t.sv !== undefined || t.en !== undefined, LANGUAGES_NOTE)], {
    error: (issue) => (issue.input === undefined ? 'is required' : 'write a text, or one per language: { sv: "…", en: "…" }'),
  });
const readable = localized(text);

export const PREPARATION_KINDS = ['read', 'watch', 'listen', 'task', 'reflection', 'maturity_test', 'stop_doing'] as const;

const ladderStep = z.strictObject({
  daysBefore: z.number().int().min(0).max(60),
  at: clock,
});

export const reminderPolicySchema = z.strictObject({
  ladder: z.array(ladderStep).max(10).optional(),
  quietHours: z.strictObject({ start: clock, end: clock }).optional(),
  workingDaysOnly: z.boolean().optional(),
  holidays: z.enum(['none', 'SE']).optional(),
});

const link = z.strictObject({ label: text, url: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }) });

const preparation = z.strictObject({
  key,
  kind: z.enum(PREPARATION_KINDS),
  title: readable,
  details: localized(z.string()).optional(),
  links: z.array(link).optional(),
  due: when.optional(),
  groupWork: z.strictObject({ size: z.string().regex(/^\d+(-\d+)?$/, 'write a size like "3" or "3-4"') }).optional(),
  tracked: z.boolean().optional(),
  reminders: reminderPolicySchema.optional(),
  reflection: z.array(readable).max(10).optional(),
  /** Also ask the reflection questions at this time (to those who have not answered), not only after Done. */
  reflectAt: when.optional(),
  /** A maturity_test preparation: the test occasion that completes it (default: the last one open by its due time). */
  occasion: key.optional(),
});

export const programModule = z.strictObject({
  number: z.number().int().min(0).max(99),
  title: readable,
  start: when,
  place: localized(z.string()).optional(),
  purpose: localized(z.string()).optional(),
  preparations: z.array(preparation).default([]),
});

/** A person's id on each platform kohort speaks (the one list in core/events.ts). */
const identities = z.strictObject(Object.fromEntries(PLATFORMS.map((platform) => [platform, z.string().min(1).optional()])) as { [P in Platform]: z.ZodOptional<z.ZodString> });

const participant = z.strictObject({
  key,
  name: text,
  email: z.email().optional(),
  locale: z.enum(LOCALES).optional(),
  roles: z.array(z.enum(ROLES)).min(1).default(['participant']),
  identities: identities.optional(),
  reminders: reminderPolicySchema.optional(),
});

export const cohort = z.strictObject({
  slug: key,
  name: text,
  joinCode: z.string().regex(/^[A-Za-z0-9-]{4,32}$/, 'use 4–32 letters, digits or dashes'),
  // `name`: how people know the channel ("Kohorten"), shown instead of its id — Teams' ids read "19:…@thread.tacv2".
  channels: z.array(z.strictObject({ platform: z.enum(PLATFORMS), channel: z.string().min(1), name: text.optional(), group: key.optional() })).default([]),
  groups: z.array(z.strictObject({ key, name: text, members: z.array(key).default([]) })).default([]),
  teams: z.array(z.strictObject({ key, name: text, leads: z.array(key).min(1), members: z.array(key).default([]) })).default([]),
  participants: z.array(participant).default([]),
});

export const questionnaireUse = z.strictObject({
  key,
  questionnaire: z.string().min(1).default('default'),
  occasions: z.array(z.strictObject({ key, title: text, opens: when, closes: when })).min(1),
});

export const programHeader = z.strictObject({
  slug: key,
  name: text,
  locale: z.enum(['sv', 'en']).default('sv'),
  timezone: z.string().default('Europe/Stockholm'),
  reminders: reminderPolicySchema.default({}),
  summaries: z.strictObject({ daysBefore: z.number().int().min(0).max(14), at: clock }).optional(),
  // controller/contact: who is responsible for the personal data and how to reach them, named in the privacy notice.
  privacy: z
    .strictObject({
      minGroupSize: z.number().int().min(1).max(50).default(3),
      retentionDays: z.number().int().min(1).optional(),
      controller: text.optional(),
      contact: text.optional(),
    })
    .default({ minGroupSize: 3 }),
});

// The parts are exported so that validate.ts can still check the parts of a file that pass
// on their own when another part does not (all errors in one run).
export const programFileSchema = z.strictObject({
  program: programHeader,
  modules: z.array(programModule).min(1, 'a program needs at least one module'),
  stopDoing: z.strictObject({ suggestions: z.array(z.strictObject({ key, text: readable })).default([]) }).optional(),
  questionnaires: z.array(questionnaireUse).default([]),
  cohorts: z.array(cohort).min(1, 'a program file needs at least one cohort'),
});

export type ProgramFile = z.infer<typeof programFileSchema>;
export type ReminderPolicyInput = z.infer<typeof reminderPolicySchema>;
