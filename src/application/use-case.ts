// A use case is a function of a session, the ports it needs and its input, returning data.
// It is authorised here, at its own boundary, against the one matrix in domain/roles.ts,
// so a chat turn, a web request, a CLI command and a test all pass the same check.
import { authorize, type Capability } from '../domain/roles.js';
import type { Session } from './session.js';

export interface UseCase<P, I, O> {
  readonly capability: Capability;
  readonly run: (session: Session, ports: P, input: I) => Promise<O>;
}

export function useCase<P, I, O>(capability: Capability, run: (session: Session, ports: P, input: I) => Promise<O>): UseCase<P, I, O> {
  return { capability, run };
}

/** Runs a use case for a session, after checking its roles; throws NotAuthorisedError otherwise. */
export async function perform<P, I, O>(uc: UseCase<P, I, O>, session: Session, ports: P, input: I): Promise<O> {
  authorize(session.roles, uc.capability);
  return uc.run(session, ports, input);
}
