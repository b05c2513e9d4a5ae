// Every page of the console, in the order of the navigation.
import type { ConsolePage } from '../context.js';
import { broadcastsPage } from './broadcasts.js';
import { overviewPage } from './overview.js';

export const CONSOLE_PAGES: readonly ConsolePage[] = [overviewPage, broadcastsPage];
