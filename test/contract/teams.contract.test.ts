// Teams joins the adapter contract: the real CloudAdapter against the fake Bot Framework connector.
import { adapterContract } from './adapter-contract.js';
import { teamsHarness } from './harness/teams.js';

adapterContract(teamsHarness);
