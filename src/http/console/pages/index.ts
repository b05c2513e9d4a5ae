// Every page of the console, in the order of the navigation. After signing in a person
// lands on the first page here their roles open (a team lead: their team's page).
import type { ConsolePage } from '../context.js';
import { broadcastsPage } from './broadcasts.js';
import { commitmentsPage } from './commitments.js';
import { maturityPage } from './maturity.js';
import { overviewPage } from './overview.js';
import { peoplePage } from './people.js';
import { programPage } from './program.js';
import { teamPage } from './team.js';
import { teamsTabPage } from './teams-tab.js';

export const CONSOLE_PAGES: readonly ConsolePage[] = [overviewPage, teamPage, maturityPage, commitmentsPage, broadcastsPage, programPage, peoplePage, teamsTabPage];
