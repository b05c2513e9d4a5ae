// Every request kohort makes to the Bot Framework connector (send, update, open a chat)
// passes through here, as the HTTP client botbuilder is given (ConnectorClientOptions'
// `httpClient`, its documented way to replace the transport): each attempt waits for its
// turn in the tenant's budget — people's answers before bulk sends — and tells the budget
// how Teams answered, so the rate adapts and a 429 holds the whole tenant for Retry-After.
// The SDK's own retry policy still retries a 429 (after Retry-After) and 5xx; each retry
// comes back through here and waits for a turn like any request.
//
// botbuilder gives no way to pass anything per request, so the adapter states whose request
// it is (priority, tenant) around each operation and each inbound turn, and it travels to
// this client in an AsyncLocalStorage. Anything else counts as interactive.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { SendPriority } from '../../src/core/adapter.js';
import type { SendBudgets } from '../../src/core/send-budget.js';

type ConnectorOptions = NonNullable<ConstructorParameters<typeof TeamsAdapter>[3]>;
type HttpClient = NonNullable<ConnectorOptions['httpClient']>;
type WebResource = Parameters<HttpClient['sendRequest']>[0];
type CompatResponse = Awaited<ReturnType<HttpClient['sendRequest']>>;
type HeadersLike = CompatResponse['headers'];

export interface ConnectorScope {
  priority: SendPriority;
  /** The tenant whose budget the request counts against. */
  tenant: string;
  /** Fires when a person's answer waits behind this request in its conversation: it then goes as interactive. */
  urgent?: AbortSignal;
}

const scope = new AsyncLocalStorage<ConnectorScope>();

/** Runs `work` with its connector requests counted against `tenant`'s budget at `priority`. */
export function inConnectorScope<T>(which: ConnectorScope, work: () => Promise<T>): Promise<T> {
  return scope.run(which, work);
}

/** The HTTP client for botbuilder's connector: budgeted, over Node's fetch. */
export function budgetedConnectorClient(budgets: SendBudgets, defaultTenant: string): HttpClient {
  return {
    async sendRequest(request: WebResource): Promise<CompatResponse> {
      const { priority, tenant, urgent } = scope.getStore() ?? { priority: 'interactive', tenant: defaultTenant };
      const permit = await budgets.for(tenant).acquire(priority, urgent);
      let response: CompatResponse;
      try {
        response = await send(request);
      } catch (error) {
        permit.failed();
        throw error;
      }
      if (response.status === 429) await permit.refused(retryAfterMs(response.headers.get('retry-after')));
      else permit.accepted();
      return response;
    },
  };
}

/** Teams sends Retry-After in seconds (or, rarely, as a date); without one, a second. */
function retryAfterMs(header: string | undefined): number {
  if (!header) return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : 1000;
}

async function send(request: WebResource): Promise<CompatResponse> {
  if (request.body !== undefined && request.body !== null && typeof request.body !== 'string') throw new Error('connector request body must be serialised text');
  const signals = [request.abortSignal instanceof AbortSignal ? request.abortSignal : undefined, request.timeout ? AbortSignal.timeout(request.timeout) : undefined].filter(
    (signal): signal is AbortSignal => signal !== undefined,
  );
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers.rawHeaders(),
      body: request.body ?? undefined,
      signal: signals.length > 0 ? AbortSignal.any(signals) : undefined,
    });
  } catch (error) {
    // The SDK retries network failures by their system code (ECONNRESET…): keep it on the error.
    const code = ((error as { cause?: { code?: unknown } }).cause?.code as string | undefined) ?? undefined;
    throw Object.assign(new Error(`connector request failed: ${(error as Error).message}`, { cause: error }), code ? { code } : {});
  }
  return { request, status: response.status, headers: headersLike(response.headers), bodyAsText: await response.text() } as CompatResponse;
}

/** The SDK's header interface over fetch's Headers (it reads them back with toJson). */
function headersLike(headers: Headers): HeadersLike {
  const pairs = (): [string, string][] => {
    const all: [string, string][] = [];
    headers.forEach((value, name) => all.push([name, value]));
    return all;
  };
  const raw = (): Record<string, string> => Object.fromEntries(pairs());
  const like: HeadersLike = {
    set: (name, value) => headers.set(name, String(value)),
    get: (name) => headers.get(name) ?? undefined,
    contains: (name) => headers.has(name),
    remove: (name) => {
      const had = headers.has(name);
      headers.delete(name);
      return had;
    },
    rawHeaders: raw,
    headersArray: () => pairs().map(([name, value]) => ({ name, value })),
    headerNames: () => pairs().map(([name]) => name),
    headerValues: () => pairs().map(([, value]) => value),
    clone: () => headersLike(new Headers(headers)),
    toJson: () => raw(),
  };
  return like;
}
