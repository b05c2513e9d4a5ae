// Every list the code keeps is the same list the database enforces: a value added to one
// and not the other would be refused by PostgreSQL at run time, so it fails here first.
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../src/core/events.js';
import { CHECK_IN_STATUSES, COMMITMENT_STATUSES } from '../../src/domain/commitments/commitment.js';
import { DELIVERY_REASONS, OUTBOUND_KINDS, OUTBOX_STATUSES } from '../../src/domain/outbox.js';
import { PREPARATION_KINDS } from '../../src/domain/program/schema.js';
import { ROLES } from '../../src/domain/roles.js';
import * as database from '../../src/persistence/generated/enums.js';

describe('the code’s lists and the database’s enums', () => {
  it.each([
    ['Platform', PLATFORMS],
    ['Role', ROLES],
    ['PreparationKind', PREPARATION_KINDS],
    ['CommitmentStatus', COMMITMENT_STATUSES],
    ['CheckInStatus', CHECK_IN_STATUSES],
    ['OutboundKind', OUTBOUND_KINDS],
    ['OutboxStatus', OUTBOX_STATUSES],
    ['DeliveryFailure', DELIVERY_REASONS],
  ] as const)('%s holds the same values', (name, list) => {
    expect(Object.values(database[name]).sort()).toEqual([...list].sort());
  });
});
