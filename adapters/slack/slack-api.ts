// kohort's one door to Slack's Web API and response_url. Every call is paced per
// conversation; posts also wait for their turn in the workspace's budget (people's answers
// before bulk sends, at a rate learned from Slack's answers, shared by replicas); 429s are
// waited out for as long as Retry-After says (on the injected clock) and retried; Slack's
// refusals become DeliveryErrors with Slack's own reason code, so callers record them
// instead of crashing.
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { SendPriority } from '../../src/core/adapter.js';
import type { Clock } from '../../src/core/clock.js';
import { type DeliveryError } from '../../src/core/errors.js';
import { slackDeliveryError } from './errors.js';
import type { Logger } from '../../src/core/logger.js';
import { Pacer } from '../../src/core/pacer.js';
import { SendBudgets, type BudgetStore } from '../../src/core/send-budget.js';
import { SLACK_LIMITS } from './limits.js';

import { toSlackLogger } from './slack-logger.js';

/** Methods that post a message: they count towards the workspace-wide posting limit. */
const POSTING = new Set(['chat.postMessage', 'chat.postEphemeral']);

const MAX_RATE_LIMIT_RETRIES = 3;

export interface SlackApiOptions {
  token: string;
  /** Web API base URL; Slack's own when unset. Tests point it at a local fake. */
  apiUrl?: string;
  clock: Clock;
  logger: Logger;
  /** Minimum spacing of messages into one conversation (Slack allows about one per second). */
  minIntervalMs?: number;
  /** Messages a second a workspace starts at (SLACK_POSTS_PER_SECOND, default SLACK_LIMITS.postsPerSecond); it adapts from there. */
  postsPerSecond?: number;
  /** Where replicas share workspace budgets (the database); unset, this process counts alone. */
  budgets?: BudgetStore;
  timeoutMs?: number;
}

/** Whose post it is and where it goes: a person's answer or a bulk send, into which workspace. */
export interface SlackSend {
  priority?: SendPriority;
  /** The workspace (team id); the bot's own when unset. */
  team?: string;
}

export class SlackApi {
  readonly client: WebClient;
  private readonly pacer: Pacer;
  /** Posting methods share a workspace-wide budget, one per workspace. */
  private readonly budgets: SendBudgets;
  /** The bot's own workspace, learned from auth.test. */
  private team?: string;
  private readonly allowedResponseHosts: Set<string>;

  constructor(private readonly options: SlackApiOptions) {
    this.client = new WebClient(options.token, slackClientOptions(options));
    this.pacer = new Pacer(options.clock, options.minIntervalMs ?? 1000);
    this.budgets = new SendBudgets({
      platform: 'slack',
      clock: options.clock,
      store: options.budgets,
      perSecond: options.postsPerSecond ?? SLACK_LIMITS.postsPerSecond,
    });
    this.allowedResponseHosts = new Set(['hooks.slack.com', 'files.slack.com']);
    if (options.apiUrl) this.allowedResponseHosts.add(new URL(options.apiUrl).host);
  }

  /**
   * Calls a Web API method. `paceKey` (a channel or user) serialises and spaces the
   * calls that post into one conversation; reads pass none and go straight through.
   * Posts wait for a turn in their workspace's budget, by `send.priority`.
   */
  async call<T = Record<string, unknown>>(method: string, args: Record<string, unknown>, paceKey?: string, send: SlackSend = {}): Promise<T> {
    const budget = POSTING.has(method) ? this.budgets.for(send.team ?? this.team ?? 'workspace') : undefined;
    const attempt = async (urgent?: AbortSignal): Promise<T> => {
      for (let retry = 0; ; retry += 1) {
        const permit = await budget?.acquire(send.priority, urgent);
        try {
          const result = (await this.client.apiCall(method, args)) as T;
          permit?.accepted();
          if (method === 'auth.test') this.team = (result as { team_id?: string }).team_id ?? this.team;
          return result;
        } catch (error) {
          const retryAfterSeconds = rateLimitDelay(error);
          if (retryAfterSeconds === undefined) {
            permit?.failed();
            throw toDeliveryError(method, error);
          }
          this.options.logger.warn({ method, retryAfterSeconds }, 'slack rate limit: waiting');
          // A post's refusal holds the workspace's budget (every replica's) until Retry-After;
          // the retry then waits for its turn like any post. Other methods wait alone. Either
          // way the wait is inside the conversation's queue: other conversations keep going.
          await permit?.refused(retryAfterSeconds * 1000);
          if (retry >= MAX_RATE_LIMIT_RETRIES) throw toDeliveryError(method, error);
          if (!permit) await this.options.clock.sleep(retryAfterSeconds * 1000);
        }
      }
    };
    return paceKey ? this.pacer.run(paceKey, attempt, (send.priority ?? 'interactive') === 'interactive') : attempt();
  }

  /**
   * Posts to a response_url (slash commands, clicks): the only way to answer a person
   * privately in a conversation the bot is not a member of. Only Slack's hosts (or the
   * configured API host, for tests and staging) are accepted, never an arbitrary URL.
   */
  /**
   * Shares a file in a conversation with Slack's external upload: ask for an upload URL,
   * send the bytes there (only Slack's file host, or the configured API host), complete.
   */
  async uploadFile(channel: string, file: { filename: string; bytes: Uint8Array; title: string; altText: string }): Promise<void> {
    const ticket = await this.call<{ upload_url?: string; file_id?: string }>(
      'files.getUploadURLExternal',
      { filename: file.filename, length: file.bytes.length, alt_txt: file.altText.slice(0, 1000) },
      channel,
    );
    if (!ticket.upload_url || !ticket.file_id) throw slackDeliveryError('upload_failed', 'Slack gave no upload URL');
    const url = new URL(ticket.upload_url);
    if (!this.allowedResponseHosts.has(url.host)) throw slackDeliveryError('upload_url_invalid', `upload host ${url.host} is not Slack's`);
    const response = await fetch(url, {
      method: 'POST',
      body: new Blob([new Uint8Array(file.bytes)], { type: 'application/octet-stream' }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    }).catch((error: unknown) => {
      throw slackDeliveryError('request_failed', 'upload URL could not be reached', { cause: error });
    });
    if (!response.ok) throw slackDeliveryError(`http_${response.status}`, `upload answered ${response.status}`);
    await this.call('files.completeUploadExternal', { files: JSON.stringify([{ id: ticket.file_id, title: file.title }]), channel_id: channel }, channel);
  }

  async respond(responseUrl: string, body: Record<string, unknown>): Promise<void> {
    const url = new URL(responseUrl);
    if (!this.allowedResponseHosts.has(url.host)) throw slackDeliveryError('response_url_invalid', `response_url host ${url.host} is not Slack's`);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    }).catch((error: unknown) => {
      throw slackDeliveryError('request_failed', 'response_url could not be reached', { cause: error });
    });
    const text = await response.text();
    if (!response.ok) {
      const expired = response.status === 404 || response.status === 410;
      throw slackDeliveryError(expired ? 'response_url_expired' : `http_${response.status}`, `response_url answered ${response.status}`);
    }
    // Slack answers "ok" as plain text, or JSON {ok:false,error} when it refuses the message.
    if (text.startsWith('{')) {
      const parsed = JSON.parse(text) as { ok?: boolean; error?: string };
      if (parsed.ok === false) throw slackDeliveryError(parsed.error ?? 'unknown', `response_url: ${parsed.error}`);
    }
  }
}

export function slackClientOptions(options: Pick<SlackApiOptions, 'apiUrl' | 'logger' | 'timeoutMs'>): WebClientOptions {
  return {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` } : {}),
    // kohort waits out 429s itself, on its own clock and per conversation; the client's
    // default of ten retries over half an hour would hold a request hostage instead.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? 10_000,
    allowAbsoluteUrls: false,
    logger: toSlackLogger(options.logger, 'slack-web-api'),
  };
}

function rateLimitDelay(error: unknown): number | undefined {
  const e = error as { code?: string; retryAfter?: number };
  return e?.code === 'slack_webapi_rate_limited_error' ? Math.max(1, e.retryAfter ?? 1) : undefined;
}

function toDeliveryError(method: string, error: unknown): DeliveryError {
  const e = error as { code?: string; data?: { error?: string }; statusCode?: number };
  if (e?.code === 'slack_webapi_platform_error') {
    const reason = e.data?.error ?? 'unknown';
    return slackDeliveryError(reason, `${method}: ${reason}`, { cause: error });
  }
  if (e?.code === 'slack_webapi_rate_limited_error') return slackDeliveryError('ratelimited', `${method}: still rate limited`, { cause: error });
  if (e?.code === 'slack_webapi_http_error') return slackDeliveryError(`http_${e.statusCode ?? 0}`, `${method}: HTTP ${e.statusCode}`, { cause: error });
  return slackDeliveryError('request_failed', `${method}: ${(error as Error)?.message ?? 'request failed'}`, { cause: error });
}
