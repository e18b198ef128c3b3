import * as fs from 'node:fs';
import * as path from 'node:path';
import { DUO_MODIFIERS, DUO_PERMISSIONS } from './duo-codes';
import { DUO_TERMS, duoTerm } from './duo-terms';

describe('DUO catalogue', () => {
  it('is the same term list as the DUO fixture (id, shorthand, label, description)', () => {
    const csv = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/duo/duo.csv'), 'utf8');
    const lines = csv.trim().split('\n').slice(1);
    expect(DUO_TERMS).toHaveLength(lines.length);
    for (const t of DUO_TERMS) {
      const line = lines.find((l) => l.startsWith(`${t.id},`));
      expect(line).toBeDefined();
      expect(line).toContain(`${t.id},${t.shorthand ?? ''},`);
      expect(line).toContain(t.label);
      expect(line).toContain(t.description);
    }
  });

  it('has a term for every supported permission and modifier, with the right kind', () => {
    for (const code of DUO_PERMISSIONS) expect(duoTerm(code).kind).toBe('PERMISSION');
    for (const code of DUO_MODIFIERS) expect(duoTerm(code).kind).toBe('MODIFIER');
    expect(duoTerm('DS').id).toBe('DUO:0000007');
  });
});
