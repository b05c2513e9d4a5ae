// Slack joins the adapter contract: the real Bolt receiver against the fake Slack Web API.
import { adapterContract } from './adapter-contract.js';
import { slackHarness } from './harness/slack.js';

adapterContract(slackHarness);
