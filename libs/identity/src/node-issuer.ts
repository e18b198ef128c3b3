import type { HelixgateConfig } from '@helixgate/config';

/**
 * The node's issuer URL: HELIXGATE_ISSUER, else `https://<HELIXGATE_NODE_ID>.helixgate.invalid` — a stable
 * name that never resolves (RFC 6761 `.invalid`), so a node that has not set its public URL still signs
 * consistently; peers then need its JWKS inline rather than by URL.
 */
export function nodeIssuer(config: HelixgateConfig): string {
  return config.vars.HELIXGATE_ISSUER ?? `https://${config.vars.HELIXGATE_NODE_ID}.helixgate.invalid`;
}

/** The audience bearer tokens must name to be accepted here: HELIXGATE_AUDIENCE, else the issuer URL. */
export function nodeAudience(config: HelixgateConfig): string {
  return config.vars.HELIXGATE_AUDIENCE ?? nodeIssuer(config);
}
