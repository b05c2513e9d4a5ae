// Dates in program files are written in the program's own time zone, either absolute
// ("2026-09-24 12:00", or a date alone) or relative to the day of import ("+21d 12:00"),
// so a demo program always has upcoming deadlines. Luxon does the zone arithmetic:
// it handles daylight-saving transitions, which hand-written offsets get wrong.
import { DateTime, IANAZone } from 'luxon';

const ABSOLUTE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?$/;
const RELATIVE = /^\+(\d{1,4})d(?:\s+(\d{1,2}):(\d{2}))?$/;
const TIME = /^(\d{1,2}):(\d{2})$/;

export const WHEN_FORMAT_HINT = 'write a date like "2026-09-24 12:00" or a day relative to import like "+21d 12:00"';

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export function parseClockTime(text: string): { hour: number; minute: number } | undefined {
  const match = TIME.exec(text.trim());
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour < 24 && minute < 60 ? { hour, minute } : undefined;
}

export interface WhenContext {
  zone: string;
  /** The moment of import; relative dates count whole days from its local date. */
  importedAt: Date;
  /** Used when the text names a day but no time. */
  defaultTime: { hour: number; minute: number };
}

/** Returns the UTC instant, or an error message (in English, for program authors). */
export function resolveWhen(text: string, ctx: WhenContext): Date | string {
  const value = text.trim();
  const absolute = ABSOLUTE.exec(value);
  if (absolute) {
    const [, y, mo, d, h, mi] = absolute;
    const time = h === undefined ? ctx.defaultTime : { hour: Number(h), minute: Number(mi) };
    return build({ year: Number(y), month: Number(mo), day: Number(d), ...time }, ctx.zone, value);
  }
  const relative = RELATIVE.exec(value);
  if (relative) {
    const [, days, h, mi] = relative;
    const base = DateTime.fromJSDate(ctx.importedAt, { zone: ctx.zone })
      .startOf('day')
      .plus({ days: Number(days) });
    const time = h === undefined ? ctx.defaultTime : { hour: Number(h), minute: Number(mi) };
    return build({ year: base.year, month: base.month, day: base.day, ...time }, ctx.zone, value);
  }
  return `"${value}" is not a date: ${WHEN_FORMAT_HINT}`;
}

function build(parts: { year: number; month: number; day: number; hour: number; minute: number }, zone: string, original: string): Date | string {
  if (parts.hour > 23 || parts.minute > 59) return `"${original}" has no such time of day`;
  const local = DateTime.fromObject(parts, { zone });
  if (!local.isValid || local.day !== parts.day || local.month !== parts.month) return `"${original}" is not a real date`;
  // A local time that does not exist (spring-forward gap) is moved forward by Luxon;
  // reject it instead of silently shifting a deadline.
  if (local.hour !== parts.hour || local.minute !== parts.minute) {
    return `"${original}" does not exist in ${zone} (daylight-saving change)`;
  }
  return local.toUTC().toJSDate();
}
