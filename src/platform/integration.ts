// The seam every chat platform plugs into: its slice of the environment, how it starts,
// the HTTP routes it mounts, and how it drains and stops. The list of integrations lives
// with the adapters (adapters/platforms.ts); the composition root iterates over it.
import type { PlatformPreview } from '../application/ports.js';
import type { Forgetter } from '../domain/privacy.js';
import type { Message } from '../ui/model.js';
import type { Router } from 'express';
import type { z } from 'zod';
import type { ChannelAdapter, InboundSink } from '../core/adapter.js';
import type { Clock } from '../core/clock.js';
import type { Platform } from '../core/events.js';
import type { Logger } from '../core/logger.js';
import type { BudgetStore } from '../core/send-budget.js';
import type { PlatformDirectory } from '../domain/ports.js';
import type { Translator } from '../i18n/i18n.js';

export interface PlatformDeps {
  sink: InboundSink;
  clock: Clock;
  /** Bound to { platform } already. */
  logger: Logger;
  translator: Translator;
  directory: PlatformDirectory;
  /** Where kohort keeps files of its own (the playground's transcripts). */
  dataDir: string;
  /** Where replicas share the platforms' budgets (PostgreSQL); none on PGlite, one process. */
  budgets?: BudgetStore;
}

export interface RunningPlatform {
  adapter: ChannelAdapter;
  /** Mounted on kohort's one HTTP server (webhooks, the playground's page). */
  routes?: Router;
  /** What the start-up log line says about it ("socket" for Slack in Socket Mode); true when there is nothing more to say. */
  summary?: string;
  /** Resolves when every request received so far has been handed to the core. */
  drain(): Promise<void>;
  /** Closes long-lived connections (Socket Mode, a sync loop). */
  stop(): Promise<void>;
  /** A platform that keeps what people wrote outside the database (the playground's transcript) forgets an erased person there too. */
  forgetter?: Forgetter;
}

export interface ConfigureContext {
  nodeEnv: 'development' | 'production' | 'test';
  /** Whether a real (not development-only) platform is configured: the playground's `auto` reads it. */
  realPlatformConfigured: boolean;
}

export interface PlatformIntegration<S = unknown> {
  readonly platform: Platform;
  /** Its name in configuration facts and logs ("slack", "playground"). */
  readonly name: string;
  /** A development tool (the playground): on by default only without a real platform, and the last way to reach a person. */
  readonly developmentOnly?: boolean;
  /** Its environment variables, validated together with kohort's own at start-up. */
  readonly env: z.ZodObject;
  /** Its settings from its validated variables, or undefined when it is not configured; throws config_invalid. */
  configure(env: Record<string, unknown>, context: ConfigureContext): S | undefined;
  start(settings: S, deps: PlatformDeps): Promise<RunningPlatform>;
  /** The message as this platform shows it, by the renderer its adapter sends with (a console preview). */
  preview?(msg: Message): PlatformPreview;
  /** For an erasure while kohort is not running (the CLI): what it keeps under DATA_DIR, forgotten the same way. */
  storedData?(dataDir: string): Forgetter | undefined;
}

/** Any integration, for the lists that hold several. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each integration has its own settings type
export type AnyPlatformIntegration = PlatformIntegration<any>;
