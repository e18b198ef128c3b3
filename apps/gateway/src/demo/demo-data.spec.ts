import { bundledPoliciesDir } from '@helixgate/config';
import { loadPrivacyPolicy, policyFor } from '@helixgate/privacy';
import { DEMO_DATASETS } from './demo-data';

/**
 * `npm start` loads the demo datasets and their reference panels; the shipped policies/privacy.yaml must name
 * the panel the demo imports for each, or the privacy guard refuses every answer on that dataset
 * (PRIVACY_PANEL_MISSING). The mitochondrial dataset's was misnamed (-507 for -506) and went unnoticed.
 */
describe('demo datasets and the shipped privacy policy', () => {
  const policy = loadPrivacyPolicy(bundledPoliciesDir());

  it.each(DEMO_DATASETS.filter((d) => d.panel).map((d) => [d.id, d.panel!.name]))(
    '%s is priced from the panel the demo imports (%s)',
    (id, panel) => {
      expect(policyFor(policy, id).panel).toBe(panel);
    },
  );
});
