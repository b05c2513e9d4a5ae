// Every page of the console, in the order of the navigation.
import type { ConsolePage } from '../context.js';
import { overviewPage } from './overview.js';
import { peoplePage } from './people.js';

export const CONSOLE_PAGES: readonly ConsolePage[] = [overviewPage, peoplePage];
