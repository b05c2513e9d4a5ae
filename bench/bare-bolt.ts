// The yardstick for bench/inbound.ts: the smallest Slack app Bolt makes — its own HTTP
// receiver, the same signature check, and one chat.postMessage in answer to every DM —
// run as a process of its own, like kohort. Whatever kohort does beyond this (the ledger,
// the person, the command, the rendering) is what the benchmark's ratio prices.
//   SLACK_SIGNING_SECRET=… SLACK_BOT_TOKEN=… SLACK_API_URL=http://127.0.0.1:…/api/ tsx bench/bare-bolt.ts
// Prints {"port": …} on one line once it listens.
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const app = new App({
  signingSecret: env('SLACK_SIGNING_SECRET'),
  token: env('SLACK_BOT_TOKEN'),
  // The same client settings kohort uses against the fake: no retries, no absolute URLs.
  clientOptions: { slackApiUrl: env('SLACK_API_URL'), retryConfig: { retries: 0 }, rejectRateLimitedCalls: true },
  logLevel: LogLevel.ERROR,
});

app.message(async ({ message, say }) => {
  if (message.subtype) return;
  await say(`Du skrev: ${message.text ?? ''}`);
});

const server = await app.start({ port: 0, host: '127.0.0.1' });
console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));

const stop = () => void app.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
