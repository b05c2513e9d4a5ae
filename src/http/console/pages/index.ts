// Every page of the console, in the order of the navigation.
import type { ConsolePage } from '../context.js';
import { commitmentsPage } from './commitments.js';
import { maturityPage } from './maturity.js';
import { overviewPage } from './overview.js';
import { teamsTabPage } from './teams-tab.js';

export const CONSOLE_PAGES: readonly ConsolePage[] = [overviewPage, maturityPage, commitmentsPage, teamsTabPage];
