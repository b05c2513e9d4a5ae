// `npm run cli`: the operator's tool (src/cli.ts). It lives here because an erasure must
// reach what the platforms keep on disk (the playground's transcript); the platforms are
// loaded only for that, so the other commands start without any platform SDK.
import { exitWith, runCli } from '../src/cli.js';

exitWith(
  runCli(process.argv.slice(2), {
    async storedData(dataDir) {
      const { PLATFORM_INTEGRATIONS } = await import('./platforms.js');
      return PLATFORM_INTEGRATIONS.flatMap((integration) => integration.storedData?.(dataDir) ?? []);
    },
  }),
);
