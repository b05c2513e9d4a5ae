// Nothing forgotten when the schema grows (issue 16.5): Prisma's data model is walked, and
// every model that can hold a participant's data — one related to Participant, directly or
// through a parent that is, or with a column that names a participant — must be covered by
// both the export and the erasure (src/persistence/personal-data.ts). A new model must be
// classified there before the suite passes again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAL_DATA } from '../../src/persistence/personal-data.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';

interface DataModelField {
  name: string;
  kind: 'scalar' | 'object' | 'enum';
  type: string;
}
type DataModel = Record<string, { fields: DataModelField[] }>;

/** Columns that hold a participant's id without a relation (or beside one). */
const NAMES_A_PARTICIPANT = /^(participantId|actorId|createdById)$/;

let db: TestDatabase;
let models: DataModel;
beforeAll(async () => {
  db = await freshDatabase();
  // The client's own copy of the schema's data model (DMMF), as generated from prisma/schema.prisma.
  models = (db.prisma as unknown as { _runtimeDataModel: { models: DataModel } })._runtimeDataModel.models;
});
afterAll(async () => db.close());

/** Models that can hold a participant's data: the closure over "is a child of one that can". */
function personalModels(): Set<string> {
  const personal = new Set(['Participant']);
  for (const [name, model] of Object.entries(models)) if (model.fields.some((f) => f.kind === 'scalar' && NAMES_A_PARTICIPANT.test(f.name))) personal.add(name);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [name, model] of Object.entries(models)) {
      if (personal.has(name)) continue;
      // A child row: a relation field to a personal model together with that relation's foreign-key column.
      const child = model.fields.some((f) => f.kind === 'object' && personal.has(f.type) && model.fields.some((g) => g.kind === 'scalar' && g.name === `${f.name}Id`));
      if (child) {
        personal.add(name);
        grew = true;
      }
    }
  }
  return personal;
}

describe('every table that can hold a person’s data is exported and erased', () => {
  it('classifies every model of the schema, and no other', () => {
    expect(Object.keys(PERSONAL_DATA).sort()).toEqual(Object.keys(models).sort());
  });

  it('covers every model related to a participant with an export section and an erasure', () => {
    const uncovered = [...personalModels()].filter((name) => {
      const coverage = PERSONAL_DATA[name];
      return !coverage || 'none' in coverage;
    });
    expect(uncovered).toEqual([]);
  });

  it('finds the models it should (the walk itself works)', () => {
    expect([...personalModels()]).toEqual(
      expect.arrayContaining(['Participant', 'QuestionnaireAttempt', 'QuestionnaireAnswer', 'Commitment', 'CommitmentFollowUp', 'OutboundMessage', 'AuditLog', 'Broadcast', 'Export']),
    );
  });
});
