// Broadcasts in the console: compose (a module's preparations or free text), preview on
// every platform kohort sends on, send now or schedule, and the history with each delivery
// report. Every step is a use case of the broadcasts feature (features/broadcasts/manage.ts),
// the same rules as `utskick` in chat; this file only reads the form and draws the result.
// The history reads without JavaScript; with it, broadcasts.js refreshes the counts.
import { createRequire } from 'node:module';
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import type { Session } from '../../../application/session.js';
import { perform } from '../../../application/use-case.js';
import { MAX_BROADCAST_TEXT } from '../../../features/broadcasts/controls.js';
import {
  broadcastChoices,
  broadcastHistory,
  cancelScheduledBroadcast,
  momentIn,
  previewBroadcast,
  sendBroadcast,
  type AudienceOption,
  type BroadcastRequest,
  type FieldProblem,
  type HistoryItem,
} from '../../../features/broadcasts/manage.js';
import { reasonText, when } from '../../../features/shared/wording.js';
import { textsOf, type ConsoleContext, type ConsolePage } from '../context.js';
import { previewView } from '../previews.js';

const HISTORY_LIMIT = 50;

/**
 * Microsoft's Adaptive Cards renderer for the browser, from the `adaptivecards` runtime
 * dependency. Should it not resolve (an install that left it out), the page still works:
 * the Teams preview stays the server's drawing of the card instead of failing the page.
 */
function adaptiveCardsBundle(): string | undefined {
  try {
    return createRequire(import.meta.url).resolve('adaptivecards/dist/adaptivecards.min.js');
  } catch {
    return undefined;
  }
}

/** What the form said, as typed: shown again with a problem or a preview. */
interface FormValues {
  /** The draft a preview made, which the send button sends. */
  broadcastId: string;
  content: string;
  module: string;
  text: string;
  audience: string;
  when: string;
  date: string;
  time: string;
}

const EMPTY: FormValues = { broadcastId: '', content: 'text', module: '', text: '', audience: 'all', when: 'now', date: '', time: '' };

function valuesOf(req: Request): FormValues {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const field = (name: keyof FormValues) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  return {
    broadcastId: field('broadcastId'),
    content: field('content'),
    module: field('module'),
    text: field('text'),
    audience: field('audience'),
    when: field('when'),
    date: field('date').trim(),
    time: field('time').trim(),
  };
}

/** The form as a request to the use case, or the first thing wrong with it that only the form can know. */
function requestOf(values: FormValues, s: Session): { ok: true; request: BroadcastRequest } | { ok: false; problem: FieldProblem } {
  let content: BroadcastRequest['content'];
  if (values.content === 'text') content = { kind: 'text', text: values.text };
  else if (values.content === 'module' && /^\d{1,2}$/.test(values.module)) content = { kind: 'module', module: Number(values.module) };
  else if (values.content === 'module') return { ok: false, problem: { key: 'console_broadcasts.problems.module', field: 'module' } };
  else return { ok: false, problem: { key: 'console_broadcasts.problems.content', field: 'content' } };
  if (values.when === 'now') return { ok: true, request: { content, audience: values.audience } };
  if (values.when !== 'later') return { ok: false, problem: { key: 'console_broadcasts.problems.when', field: 'when' } };
  const sendAt = momentIn(values.date, values.time, s.zone);
  if (!sendAt) return { ok: false, problem: { key: 'console_broadcasts.problems.bad_time', field: 'when' } };
  return { ok: true, request: { content, audience: values.audience, sendAt } };
}

/** "Delivered 3 of 5 · not reachable 1 · waiting 1", the line the page and its refresh show. */
function reportLine(s: Session, item: HistoryItem): string {
  const r = item.report;
  let line = s.t('console_broadcasts.report', { sent: r.sent, total: r.total, unreachable: r.unreachable.length, pending: r.pending });
  if (r.failed.length > 0) line += s.t('console_broadcasts.report_failed', { count: r.failed.length });
  if (r.notSent.length > 0) line += s.t('console_broadcasts.report_not_sent', { count: r.notSent.length });
  return line;
}

function statusLine(s: Session, item: HistoryItem): string {
  if (item.cancelled) return s.t('console_broadcasts.status_cancelled', { when: when(s, item.dueAt) });
  if (item.scheduled && item.dueAt > s.now) return s.t('console_broadcasts.status_scheduled', { when: when(s, item.dueAt) });
  if (item.scheduled) return s.t('console_broadcasts.status_sent_scheduled', { when: when(s, item.dueAt), created: when(s, item.confirmedAt) });
  return s.t('console_broadcasts.status_sent', { when: when(s, item.confirmedAt) });
}

function audienceLabel(s: Session, option: Pick<AudienceOption, 'kind' | 'name' | 'count'>): string {
  return s.t(`console_broadcasts.audience.${option.kind}`, { count: option.count, group: option.name ?? '' });
}

function historyView(s: Session, items: HistoryItem[]) {
  return items.map((item) => ({
    id: item.id,
    title: item.content.kind === 'module' ? s.t('console_broadcasts.history_module', { number: item.content.number ?? '?' }) : s.t('console_broadcasts.history_text'),
    excerpt: item.content.kind === 'text' ? item.content.text : '',
    by: item.by ?? s.t('common.roles.facilitator'),
    status: statusLine(s, item),
    audience: item.audience.kind === 'group' ? (item.audience.name ?? '') : s.t(`console_broadcasts.audience.${item.audience.kind}`, { count: item.report.total, group: '' }).replace(/ \(.*\)$/, ''),
    report: reportLine(s, item),
    cancellable: item.cancellable,
    missed: [...item.report.unreachable, ...item.report.failed].map((d) => ({
      who: d.name ?? d.channel?.name ?? d.channel?.channelId ?? '?',
      reason: reasonText(s, d.reason ?? 'unknown', d.channel ? 'channel' : 'person'),
    })),
  }));
}

export const broadcastsPage: ConsolePage = {
  nav: { href: '/console/broadcasts', label: 'console_broadcasts.nav', capability: 'broadcast' },
  mount(ctx: ConsoleContext) {
    const { router, ports, signedIn, page, csrf } = ctx;
    const bundle = adaptiveCardsBundle();
    if (bundle) router.get('/console/static/vendor/adaptivecards.min.js', (_req, res) => res.sendFile(bundle, { maxAge: '1h' }));

    /** The page: the form (with what was typed, a problem or a preview) above the history. */
    async function render(req: Request, res: Response, s: Session, status: number, extra: { values?: FormValues; problem?: FieldProblem; notice?: string; previews?: unknown; sendLabel?: string }) {
      const choices = await perform(broadcastChoices, s, ports, undefined);
      const history = await perform(broadcastHistory, s, ports, { limit: HISTORY_LIMIT });
      const b = textsOf(s, 'console_broadcasts');
      page(req, res, status, 'broadcasts', s, {
        b,
        values: extra.values ?? EMPTY,
        problem: extra.problem ? { field: extra.problem.field, text: s.t(extra.problem.key, extra.problem.params) } : undefined,
        notice: extra.notice,
        previews: extra.previews,
        sendLabel: extra.sendLabel,
        modules: choices.modules,
        audiences: choices.audiences.map((a) => ({ value: a.value, label: audienceLabel(s, a) })),
        max: MAX_BROADCAST_TEXT,
        zone: s.zone,
        adaptiveCards: Boolean(bundle),
        // An example date in the hint: today in the program's zone.
        today: DateTime.fromJSDate(s.now, { zone: s.zone }).toISODate(),
        history: historyView(s, history),
        // A heading of its own: "Lekplatsen", though mid-sentence it is "lekplatsen".
        platformName: (platform: string) => {
          const name = s.t(`common.platforms.${platform}`);
          return name.charAt(0).toLocaleUpperCase(s.locale) + name.slice(1);
        },
      });
    }

    router.get('/console/broadcasts', async (req, res) => {
      const s = await signedIn(req, res, 'broadcast');
      if (!s) return;
      await render(req, res, s, 200, { notice: noticeOf(s, req.query) });
    });

    // A preview stores nothing, but carries a long text and the page's token: a POST form.
    router.post('/console/broadcasts/preview', csrf, async (req, res) => {
      const s = await signedIn(req, res, 'broadcast');
      if (!s) return;
      const values = valuesOf(req);
      const parsed = requestOf(values, s);
      if (!parsed.ok) return render(req, res, s, 422, { values, problem: parsed.problem });
      const previewed = await perform(previewBroadcast, s, ports, parsed.request);
      if (!previewed.ok) return render(req, res, s, 422, { values, problem: previewed.problem });
      const audience = audienceLabel(s, previewed.value.audience);
      const sendAt = parsed.request.sendAt;
      const sendLabel = sendAt ? s.t('console_broadcasts.send_later', { when: when(s, sendAt), audience }) : s.t('console_broadcasts.send_now', { audience });
      await render(req, res, s, 200, { values: { ...values, broadcastId: previewed.value.broadcastId }, previews: ports.previews.of(previewed.value.message).map(previewView), sendLabel });
    });

    router.post('/console/broadcasts/send', csrf, async (req, res) => {
      const s = await signedIn(req, res, 'broadcast');
      if (!s) return;
      const values = valuesOf(req);
      const parsed = requestOf(values, s);
      if (!parsed.ok) return render(req, res, s, 422, { values, problem: parsed.problem });
      const sent = await perform(sendBroadcast, s, ports, { broadcastId: values.broadcastId, sendAt: parsed.request.sendAt });
      if (!sent.ok) return render(req, res, s, sent.problem.key === 'broadcasts.already_sent' ? 409 : 422, { values: { ...values, broadcastId: '' }, problem: sent.problem });
      if (!parsed.request.sendAt) ports.wake.now();
      // Post/redirect/get: a reload does not send again; the notice names what happened.
      const kind = parsed.request.sendAt ? 'scheduled' : 'now';
      res.redirect(303, `/console/broadcasts?done=${kind}&count=${sent.value.recipients}&at=${sent.value.dueAt.getTime()}#history`);
    });

    // Calling off a scheduled broadcast: refused (and nothing changed) once any of it went out.
    router.post('/console/broadcasts/:id/cancel', csrf, async (req, res) => {
      const s = await signedIn(req, res, 'broadcast');
      if (!s) return;
      const cancelled = await perform(cancelScheduledBroadcast, s, ports, { broadcastId: String(req.params.id) });
      if (!cancelled.ok) {
        const status = cancelled.problem === 'not_found' ? 404 : 409;
        return render(req, res, s, status, { problem: { key: `console_broadcasts.problems.cancel_${cancelled.problem}`, field: 'history' } });
      }
      res.redirect(303, `/console/broadcasts?done=cancelled&count=${cancelled.recipients}#history`);
    });

    // The counts for broadcasts.js: the same lines the page shows, by broadcast.
    router.get('/console/broadcasts/history.json', async (req, res) => {
      const s = await signedIn(req, res, 'broadcast');
      if (!s) return;
      const history = await perform(broadcastHistory, s, ports, { limit: HISTORY_LIMIT });
      res.setHeader('cache-control', 'no-store');
      // `waiting`: messages not yet sent or given up on; at 0 the script stops asking.
      res.json({ waiting: history.reduce((sum, h) => sum + h.report.pending, 0), broadcasts: historyView(s, history).map((h) => ({ id: h.id, status: h.status, report: h.report })) });
    });
  },
};

/** The notice after sending, worded from the redirect's numbers (nothing of the cohort is in the address). */
function noticeOf(s: Session, query: Request['query']): string | undefined {
  const count = Number(query.count);
  const at = Number(query.at);
  if (!Number.isInteger(count) || count < 0) return undefined;
  if (query.done === 'now') return s.t('console_broadcasts.sent_now', { count });
  if (query.done === 'cancelled') return s.t('console_broadcasts.cancelled', { count });
  if (query.done === 'scheduled' && Number.isFinite(at)) return s.t('console_broadcasts.scheduled', { count, when: when(s, new Date(at)) });
  return undefined;
}
