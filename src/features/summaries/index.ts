// Group summaries before each module, scheduled and on demand (`sammanfatta`).
import { defineFeature } from '../../application/feature.js';
import { composeSummary } from './compose.js';
import { summarize, summaryPlanner } from './summarize.js';

export const summariesFeature = defineFeature({
  name: 'summaries',
  needs: ['summaries', 'maturity', 'digests', 'outbox', 'audit'],
  commands: [{ id: 'summarize', capability: 'summarize', argumentKey: 'module', run: (session, ports, args, turn) => summarize(session, ports, args, turn) }],
  composers: { summary: composeSummary },
  planners: [summaryPlanner],
});
