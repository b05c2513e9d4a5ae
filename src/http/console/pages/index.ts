// Every page of the console, in the order of the navigation.
import type { ConsolePage } from '../context.js';
import { overviewPage } from './overview.js';
import { programPage } from './program.js';

export const CONSOLE_PAGES: readonly ConsolePage[] = [overviewPage, programPage];
