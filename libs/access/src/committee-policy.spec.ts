import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bundledPoliciesDir } from '@helixgate/config';
import { BUILT_IN_COMMITTEE_POLICY, loadCommitteePolicy, policyForDataset } from './committee-policy';

const write = (text: string) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'committees-')), 'committees.yaml');
  fs.writeFileSync(file, text);
  return file;
};

describe('committee policy (policies/committees.yaml)', () => {
  it('reads the shipped file: two approvals, no rejection, chair decides, committee optional', () => {
    const p = loadCommitteePolicy(path.join(bundledPoliciesDir(), 'committees.yaml'));
    expect(p.defaults).toEqual({
      committee: 'optional',
      quorum: { minApprovals: 2, maxRejections: 0, chairRequired: true },
      researcherStatus: 'none',
    });
  });

  it('uses the built-in defaults when the file is absent', () => {
    const p = loadCommitteePolicy(path.join(os.tmpdir(), 'no-such-dir', 'committees.yaml'));
    expect(p.file).toBeNull();
    expect(policyForDataset(p, 'x')).toEqual(BUILT_IN_COMMITTEE_POLICY);
  });

  it('merges a dataset entry over the defaults', () => {
    const p = loadCommitteePolicy(
      write(
        'defaults:\n  quorum: { minApprovals: 1 }\ndatasets:\n  c1:\n    committee: required\n    quorum: { maxRejections: 1 }\n    researcherStatus: visa\n',
      ),
    );
    expect(policyForDataset(p, 'c1')).toEqual({
      committee: 'required',
      quorum: { minApprovals: 1, maxRejections: 1, chairRequired: true },
      researcherStatus: 'visa',
    });
    expect(policyForDataset(p, 'other').quorum.minApprovals).toBe(1);
  });

  it.each([
    ['defaults:\n  quorum:\n    minApprovals: two\n', 3, /minApprovals: must be a whole number/],
    ['defaults:\n  quorum:\n    minAprovals: 2\n', 3, /unknown key/],
    ['datasets:\n  c1:\n    researcherStatus: trusted\n', 3, /researcherStatus: must be one of none, visa/],
    ['datasets:\n  c1:\n    committee: maybe\n', 3, /committee: must be one of optional, required/],
    ['defaults:\n  quorum:\n    chairRequired: yes please\n', 3, /chairRequired: must be true or false/],
    ['quorums: {}\n', 1, /unknown key/],
    ['defaults: [\n', 2, /./],
  ])('refuses a broken file naming the file and the line (%#)', (text, line, problem) => {
    const file = write(text);
    let error: Error | undefined;
    try {
      loadCommitteePolicy(file);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toContain(`${file}:${line}`);
    expect(error?.message).toMatch(problem);
  });
});
