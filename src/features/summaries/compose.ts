// A group's (or the whole cohort's) summary before a module, built when it is sent so it
// shows the state of that moment. The channel gets a short message (completion per
// preparation and a one-line overview); the long part — commitments, the maturity test and
// the reflections — goes into its thread, so a channel is never flooded.
// Privacy holds here and nowhere else needs to: a commitment kept "counted" is only counted,
// maturity means below the threshold are hidden, and only answers their owners allowed are
// quoted (anonymously) or shown to the language model.
import type { ClaimedMessage } from '../../domain/outbox.js';
import { digestQuestion, type QuestionDigest } from '../../domain/summaries/digest.js';
import type { SummaryFacts } from '../../domain/summaries/store.js';
import { formatMoment } from '../../i18n/format.js';
import type { Locale, Params } from '../../i18n/i18n.js';
import { header, message, text, type Block, type Message } from '../../ui/model.js';
import type { Services } from '../context.js';
import { countedLine } from '../commitments/team.js';
import { cellsFor, maturityData, scopeText } from '../maturity/cohort-view.js';

export interface SummaryPayload {
  channel: { id: string; platform: string; channelId: string };
  moduleId: string;
}

interface Lang {
  locale: Locale;
  t(key: string, params?: Params): string;
}

export type ComposedSummary = { message: Message; thread: Message } | { skip: string };

export async function composeSummary(services: Services, row: Pick<ClaimedMessage, 'payload'>, now: Date): Promise<ComposedSummary> {
  const payload = row.payload as unknown as SummaryPayload;
  const facts = await services.summaries.facts(payload.channel.id, payload.moduleId);
  if (!facts) return { skip: 'channel or module gone' };
  return buildSummary(services, facts, now);
}

export async function buildSummary(services: Services, facts: SummaryFacts, now: Date): Promise<{ message: Message; thread: Message }> {
  const lang: Lang = { locale: facts.locale, t: (key, params) => services.translator.t(facts.locale, key, params) };
  const digests = reflectionDigests(facts);
  const answers = digests.reduce((sum, d) => sum + d.items.reduce((s, q) => s + q.answered, 0), 0);
  const main = message(
    header(lang.t('summaries.title', { number: facts.module.number, title: facts.module.title })),
    text(
      lang.t('summaries.scope_line', {
        scope: facts.groupName ?? lang.t('summaries.whole_cohort', { cohort: facts.cohortName }),
        when: formatMoment(facts.module.startsAt, facts.zone, facts.locale),
        place: facts.module.place ? `, ${facts.module.place}` : '',
      }),
    ),
    text(completionText(lang, facts)),
    text(lang.t('summaries.glance', { commitments: facts.commitments.length, answers })),
    text(lang.t('summaries.more_in_thread'), 'muted'),
  );
  const thread = message(
    header(lang.t('summaries.commitments.title')),
    text(commitmentsText(lang, facts)),
    header(lang.t('summaries.maturity.title')),
    ...(await maturityBlocks(services, lang, facts, now)),
    header(lang.t('summaries.reflections.title')),
    ...(await reflectionBlocks(services, lang, facts, digests)),
  );
  return { message: main, thread };
}

function completionText(lang: Lang, facts: SummaryFacts): string {
  const tracked = facts.preparations.filter((p) => p.tracked);
  if (tracked.length === 0) return lang.t('summaries.no_preparations');
  const members = new Set(facts.members.map((m) => m.id));
  const lines = tracked.map((p) => lang.t('summaries.completion_line', { title: p.title, done: p.doneBy.filter((id) => members.has(id)).length, total: members.size }));
  return `${lang.t('summaries.completion_title')}\n${lines.join('\n')}`;
}

function commitmentsText(lang: Lang, facts: SummaryFacts): string {
  if (facts.commitments.length === 0) return lang.t('summaries.commitments.none');
  const named = facts.commitments
    .filter((c) => c.visibility === 'named')
    .map((c) => lang.t('summaries.commitments.named', { name: c.ownerName, text: c.text, status: lang.t(`commitments.status.${c.status}`) }));
  // Counted ones: neither name nor text (a text can give its writer away in a small group).
  const counted = countedLine(lang, facts.commitments.filter((c) => c.visibility === 'counted'));
  return [...named, ...(counted ? [counted] : [])].join('\n');
}

async function maturityBlocks(services: Services, lang: Lang, facts: SummaryFacts, now: Date): Promise<Block[]> {
  const data = await maturityData(services, facts.programId, facts.cohortId, now);
  if (!data) return [text(lang.t('summaries.maturity.none'))];
  const scope = facts.groupName ?? lang.t('summaries.whole_cohort', { cohort: facts.cohortName });
  const cells = cellsFor(data, new Set(facts.members.map((m) => m.id)));
  // A test that has just opened and nobody in the group has taken yet says nothing: the
  // summary shows the latest test someone took, and its change since the one before.
  const taken = data.occasions.filter((o) => [...(cells.get(o.key)?.values() ?? [])].some((cell) => cell.n > 0));
  if (taken.length === 0) return [text(lang.t('summaries.maturity.nobody'))];
  const blocks = [text(scopeText(lang, data.q, taken, scope, cells))];
  if (taken.length < 2) blocks.push(text(lang.t('summaries.maturity.first'), 'muted'));
  blocks.push(text(lang.t('maturity.cohort.threshold', { min: data.people.minGroupSize }), 'muted'));
  return blocks;
}

interface PreparationDigest {
  title: string;
  items: QuestionDigest[];
}

function reflectionDigests(facts: SummaryFacts): PreparationDigest[] {
  return facts.preparations
    .filter((p) => p.questions.length > 0)
    .map((p) => ({
      title: p.title,
      items: p.questions.map((question, index) => digestQuestion(question, facts.reflections.get(`${p.id}|q${index + 1}`) ?? [], facts.members.length)),
    }));
}

async function reflectionBlocks(services: Services, lang: Lang, facts: SummaryFacts, digests: PreparationDigest[]): Promise<Block[]> {
  if (digests.length === 0) return [text(lang.t('summaries.reflections.none'))];
  const counts = digests.map((d) => [lang.t('summaries.reflections.preparation', { title: d.title }), ...d.items.map((q) => lang.t('summaries.reflections.answered', { question: q.question, answered: q.answered, total: q.of }))].join('\n'));
  const written = await services.digests?.write({
    locale: lang.locale,
    moduleTitle: facts.module.title,
    questions: digests.flatMap((d) => d.items.map((q) => ({ question: q.question, quotes: q.quotes }))),
  });
  if (written) return [text(counts.join('\n\n')), text(written), text(lang.t('summaries.reflections.llm_note'), 'muted')];
  const plain = digests.map((d) =>
    [
      lang.t('summaries.reflections.preparation', { title: d.title }),
      ...d.items.flatMap((q) => [
        lang.t('summaries.reflections.answered', { question: q.question, answered: q.answered, total: q.of }),
        ...q.quotes.map((quote) => lang.t('summaries.reflections.quote', { quote })),
        ...(q.themes.length > 0 ? [lang.t('summaries.reflections.themes', { themes: q.themes.join(', ') })] : []),
      ]),
    ].join('\n'),
  );
  return [text(plain.join('\n\n')), text(lang.t('summaries.reflections.privacy'), 'muted')];
}
