// The one list of features. The chat router, the outbox, planning and the home surface
// iterate over it; a new feature is a folder with a descriptor and one line here.
import type { EveryKindComposed } from '../application/feature.js';
import { broadcastsFeature } from './broadcasts/index.js';
import { commitmentsFeature } from './commitments/index.js';
import { helpFeature } from './help/index.js';
import { joinFeature } from './join/index.js';
import { languageFeature } from './language/index.js';
import { maturityFeature } from './maturity/index.js';
import { privacyFeature } from './privacy/index.js';
import { consoleFeature } from './console/index.js';
import { reflectionsFeature } from './reflections/index.js';
import { remindersFeature } from './reminders/index.js';
import { summariesFeature } from './summaries/index.js';

export const FEATURES = [
  helpFeature,
  languageFeature,
  joinFeature,
  remindersFeature,
  maturityFeature,
  commitmentsFeature,
  reflectionsFeature,
  summariesFeature,
  broadcastsFeature,
  privacyFeature,
  consoleFeature,
] as const;

/** Every outbox kind has a composer: a kind no feature composes is a compile error here. */
export const EVERY_KIND_COMPOSED: EveryKindComposed<(typeof FEATURES)[number]> = true;
