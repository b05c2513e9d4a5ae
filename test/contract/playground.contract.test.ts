// The playground joins the adapter contract: LocalAdapter behind the real playground router.
import { adapterContract } from './adapter-contract.js';
import { playgroundHarness } from './harness/playground.js';

adapterContract(playgroundHarness);
