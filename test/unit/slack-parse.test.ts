// Recorded Slack bodies → neutral events, without HTTP: what kohort understands of each.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSlackBody } from '../../adapters/slack/parse.js';
import { FIXTURES } from '../helpers/slack-kohort.js';

const at = new Date('2026-11-21T10:00:00Z');
const bot = { userId: 'UKOHORT', botId: 'BKOHORT' };
const json = (file: string) => JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as Record<string, any>;
const formPayload = (file: string) => JSON.parse(new URLSearchParams(readFileSync(path.join(FIXTURES, file), 'utf8')).get('payload')!) as Record<string, any>;

describe('parsing Slack bodies', () => {
  it('a DM becomes a message in a remembered DM conversation', () => {
    expect(parseSlackBody(json('MessageBody.json'), bot, at)).toEqual({
      kind: 'event',
      event: {
        type: 'message',
        text: 'Hello',
        eventId: 'event:eventId',
        receivedAt: at,
        actor: { platform: 'slack', userId: 'userId', tenantId: 'teamId' },
        conversation: { platform: 'slack', key: 'channelId', kind: 'dm', reference: { channel: 'channelId', team: 'teamId' } },
      },
    });
  });

  it('a mention loses the leading @kohort and asks for a private answer', () => {
    const parsed = parseSlackBody(json('app_mention.json'), bot, at);
    expect(parsed).toMatchObject({ kind: 'event', event: { type: 'message', text: 'Hi there!', answerPrivately: true, conversation: { key: 'C111', kind: 'channel' } } });
  });

  it('App Home: the Messages tab is an install greeting, the Home tab a home refresh', () => {
    const messages = json('app_home_opened.json');
    expect(parseSlackBody(messages, bot, at)).toMatchObject({ event: { type: 'installed', actor: { userId: 'W111', tenantId: 'T111' } } });
    messages.event.tab = 'home';
    expect(parseSlackBody(messages, bot, at)).toMatchObject({ event: { type: 'home_opened' } });
  });

  it('a slash command is answered privately and never remembered for later posts', () => {
    const body = Object.fromEntries(new URLSearchParams(readFileSync(path.join(FIXTURES, 'SlashCommandBody.txt'), 'utf8')));
    const parsed = parseSlackBody({ ...body, text: 'status &amp; mer' }, bot, at);
    expect(parsed).toMatchObject({
      kind: 'event',
      event: { type: 'command', name: 'test', text: 'status & mer', eventId: 'command:testTriggerId', answerPrivately: true, conversation: { kind: 'dm', proactive: false } },
      responseUrl: expect.stringMatching(/^https:\/\/hooks\.slack\.com\/commands\//),
    });
  });

  it('a button and a select carry value, label and where they were clicked', () => {
    expect(parseSlackBody(formPayload('BlockActionsBodyButton.txt'), bot, at)).toMatchObject({
      kind: 'event',
      event: {
        type: 'action',
        actionId: 'f8s',
        value: 'click_me_123',
        label: 'Approve',
        answerPrivately: true,
        origin: { channel: 'GV85DURL5', messageTs: '1584059954.001000', blockId: 'mdZhQ', ephemeral: false },
      },
    });
    expect(parseSlackBody(formPayload('BlockActionsBody.txt'), bot, at)).toMatchObject({
      event: { type: 'action', actionId: 'select-fruit', value: 'select-fruit|apple', label: 'Apple', answerPrivately: false, conversation: { key: 'D01DX1HSCC9', kind: 'dm' } },
    });
  });

  it('a click on an ephemeral message may only be answered privately, and is not remembered', () => {
    expect(parseSlackBody(json('block_actions.json'), bot, at)).toMatchObject({
      event: { type: 'action', answerPrivately: true, origin: { ephemeral: true }, conversation: { proactive: false } },
    });
  });

  it('ignores what kohort does not handle, with a reason', () => {
    expect(parseSlackBody(json('ReactionAddedEvent.json'), bot, at)).toEqual({ kind: 'ignored', reason: 'event type reaction_added' });
    expect(parseSlackBody(json('UnknownEvent.json'), bot, at)).toEqual({ kind: 'ignored', reason: 'request type unknown' });
    expect(parseSlackBody(json('view_submission.json'), bot, at)).toEqual({ kind: 'ignored', reason: 'view view-id' });
    expect(parseSlackBody({ type: 'event_callback' }, bot, at)).toEqual({ kind: 'ignored', reason: 'malformed event envelope' });
    expect(parseSlackBody(null, bot, at)).toMatchObject({ kind: 'ignored' });
    const fromBot = json('MessageBody.json');
    fromBot.event.user = 'UKOHORT';
    expect(parseSlackBody(fromBot, bot, at)).toEqual({ kind: 'ignored', reason: 'message from a bot' });
    const inChannel = json('MessageBody.json');
    inChannel.event.channel_type = 'channel';
    expect(parseSlackBody(inChannel, bot, at)).toEqual({ kind: 'ignored', reason: 'message outside a direct message' });
  });
});
