import type { Caller } from '@helixgate/common';
import * as ipaddr from 'ipaddr.js';
import { principalOf } from './principal';

/**
 * The allowance a caller's queries count against. A signed-in caller: its account principal (linked
 * accounts share one), wherever it connects from. An anonymous caller: its client address, so that one
 * client cannot use up everyone's allowance; an IPv6 client by its /64, the block one subscriber
 * usually holds (counting single addresses would hand out 2^64 allowances). Anonymous callers relayed
 * by a peer node: that peer's allowance (their addresses are the peer's to limit).
 *
 * The privacy budget is not kept this way: anonymous callers share one budget principal, because an
 * address says nothing about who is learning about a participant.
 */
export function rateLimitKeyOf(
  caller: Pick<Caller, 'subject' | 'issuer' | 'visas' | 'viaPeer' | 'clientAddress'>,
): string {
  if (caller.subject !== null) return principalOf(caller);
  if (caller.viaPeer) return `peer:${caller.viaPeer}`;
  return `address:${clientBlock(caller.clientAddress)}`;
}

function clientBlock(address: string | null | undefined): string {
  if (!address || !ipaddr.isValid(address)) return 'unknown';
  const parsed = ipaddr.process(address); // ::ffff:a.b.c.d is the IPv4 client a.b.c.d
  if (parsed.kind() === 'ipv4') return parsed.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${parsed.toString()}/64`).toString()}/64`;
}
