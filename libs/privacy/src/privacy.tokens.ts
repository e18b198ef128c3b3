/** Injection token of the loaded PrivacyPolicy. */
export const PRIVACY_POLICY = Symbol('PRIVACY_POLICY');
