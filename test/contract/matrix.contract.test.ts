// Matrix joins the adapter contract: the real adapter on matrix-js-sdk against the fake homeserver.
import { adapterContract } from './adapter-contract.js';
import { matrixHarness } from './harness/matrix.js';

adapterContract(matrixHarness);
