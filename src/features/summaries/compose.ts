// A group's (or the whole cohort's) summary before a module, built when it is sent so it
// shows the state of that moment. The channel gets a short message (completion per
// preparation and a one-line overview); the long part — commitments, the maturity test and
// the reflections — goes into its thread, so a channel is never flooded.
// Privacy holds here and nowhere else needs to: a commitment kept "counted" is only counted,
// maturity means below the threshold are hidden, and only answers their owners allowed are
// quoted (anonymously) or shown to the language model.
import type { Composer } from '../../application/feature.js';
import type { Ports } from '../../application/ports.js';
import { createSession, type Session } from '../../application/session.js';
import { digestQuestion, type QuestionDigest } from '../../domain/summaries/digest.js';
import type { SummaryFacts } from '../../domain/summaries/store.js';
import { header, message, text, type Block, type Message } from '../../ui/model.js';
import { countedLine } from '../shared/commitment-lines.js';
import { cellsFor, maturityData, scopeText } from '../shared/maturity-figures.js';
import { when } from '../shared/wording.js';

export type SummaryPorts = Pick<Ports, 'summaries' | 'maturity' | 'digests'>;

/** The summary of a channel before a module, or its thread part (planned ready once the first part was posted). */
export const composeSummary: Composer<SummaryPorts, 'summary'> = {
  async compose(row, { ports, now, translator }) {
    const payload = row.payload;
    if ('message' in payload) return { message: payload.message };
    const facts = await ports.summaries.facts(payload.channel.id ?? '', payload.moduleId);
    if (!facts) return { skip: 'channel or module gone' };
    // A channel is read by everyone: the program's language and zone, nobody's own.
    const session = createSession({ person: undefined, locale: facts.locale, now, translator });
    return buildSummary({ ...session, zone: facts.zone }, ports, facts);
  },
};

export async function buildSummary(session: Session, ports: SummaryPorts, facts: SummaryFacts): Promise<{ message: Message; thread: Message }> {
  const digests = reflectionDigests(facts);
  const answers = digests.reduce((sum, d) => sum + d.items.reduce((s, q) => s + q.answered, 0), 0);
  const scope = facts.groupName ?? session.t('summaries.whole_cohort', { cohort: facts.cohortName });
  const main = message(
    header(session.t('summaries.title', { number: facts.module.number, title: facts.module.title })),
    text(session.t('summaries.scope_line', { scope, when: when(session, facts.module.startsAt), place: facts.module.place ? `, ${facts.module.place}` : '' })),
    text(completionText(session, facts)),
    text(session.t('summaries.glance', { commitments: facts.commitments.length, answers })),
    text(session.t('summaries.more_in_thread'), 'muted'),
  );
  const thread = message(
    header(session.t('summaries.commitments.title')),
    text(commitmentsText(session, facts)),
    header(session.t('summaries.maturity.title')),
    ...(await maturityBlocks(session, ports, facts, scope)),
    header(session.t('summaries.reflections.title')),
    ...(await reflectionBlocks(session, ports, facts, digests)),
  );
  return { message: main, thread };
}

function completionText(session: Session, facts: SummaryFacts): string {
  const tracked = facts.preparations.filter((p) => p.tracked);
  if (tracked.length === 0) return session.t('summaries.no_preparations');
  const members = new Set(facts.members.map((m) => m.id));
  const lines = tracked.map((p) => session.t('summaries.completion_line', { title: p.title, done: p.doneBy.filter((id) => members.has(id)).length, total: members.size }));
  return `${session.t('summaries.completion_title')}\n${lines.join('\n')}`;
}

function commitmentsText(session: Session, facts: SummaryFacts): string {
  if (facts.commitments.length === 0) return session.t('summaries.commitments.none');
  const named = facts.commitments
    .filter((c) => c.visibility === 'named')
    .map((c) => session.t('summaries.commitments.named', { name: c.ownerName, text: c.text, status: session.t(`commitments.status.${c.status}`) }));
  // Counted ones: neither name nor text (a text can give its writer away in a small group).
  const counted = countedLine(
    session,
    facts.commitments.filter((c) => c.visibility === 'counted'),
    facts.minGroupSize,
  );
  return [...named, ...(counted ? [counted] : [])].join('\n');
}

async function maturityBlocks(session: Session, ports: SummaryPorts, facts: SummaryFacts, scope: string): Promise<Block[]> {
  const data = await maturityData(ports, facts.programId, facts.cohortId, session.now);
  if (!data) return [text(session.t('summaries.maturity.none'))];
  const cells = cellsFor(data, new Set(facts.members.map((m) => m.id)));
  // A test that has just opened and nobody in the group has taken yet says nothing: the
  // summary shows the latest test someone took, and its change since the one before.
  const taken = data.occasions.filter((o) => [...(cells.get(o.key)?.values() ?? [])].some((cell) => cell.n > 0));
  if (taken.length === 0) return [text(session.t('summaries.maturity.nobody'))];
  const blocks = [text(scopeText(session, data.q, taken, scope, cells))];
  if (taken.length < 2) blocks.push(text(session.t('summaries.maturity.first'), 'muted'));
  blocks.push(text(session.t('maturity.cohort.threshold', { min: data.people.minGroupSize }), 'muted'));
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
      items: p.questions.map((question, index) => digestQuestion(question, facts.reflections.get(`${p.id}|q${index + 1}`) ?? [], facts.members.length, facts.minGroupSize)),
    }));
}

async function reflectionBlocks(session: Session, ports: SummaryPorts, facts: SummaryFacts, digests: PreparationDigest[]): Promise<Block[]> {
  if (digests.length === 0) return [text(session.t('summaries.reflections.none'))];
  const answered = (q: QuestionDigest) => session.t('summaries.reflections.answered', { question: q.question, answered: q.answered, total: q.of });
  const counts = digests.map((d) => [session.t('summaries.reflections.preparation', { title: d.title }), ...d.items.map(answered)].join('\n'));
  const written = await ports.digests.write({
    locale: session.locale,
    moduleTitle: facts.module.title,
    questions: digests.flatMap((d) => d.items.map((q) => ({ question: q.question, quotes: q.quotes }))),
  });
  if (written) return [text(counts.join('\n\n')), text(written), text(session.t('summaries.reflections.llm_note'), 'muted')];
  const plain = digests.map((d) =>
    [
      session.t('summaries.reflections.preparation', { title: d.title }),
      ...d.items.flatMap((q) => [
        answered(q),
        ...(q.withheld ? [session.t('summaries.reflections.withheld', { min: facts.minGroupSize })] : []),
        ...q.quotes.map((quote) => session.t('summaries.reflections.quote', { quote })),
        ...(q.themes.length > 0 ? [session.t('summaries.reflections.themes', { themes: q.themes.join(', ') })] : []),
      ]),
    ].join('\n'),
  );
  return [text(plain.join('\n\n')), text(session.t('summaries.reflections.privacy'), 'muted')];
}
