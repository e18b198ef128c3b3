import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import {
  beaconErrorOf,
  DomainError,
  ERROR_TABLE,
  errorReplyOf,
  graphqlErrorOf,
  restErrorBodyOf,
} from './domain-error';

describe('the error table (one mapping for every face)', () => {
  it('keeps a DomainError: code, status, message, details, Retry-After', () => {
    const r = errorReplyOf(
      new DomainError('RATE_LIMITED', 'slow down', { retryAfterSeconds: 7, reason: 'burst' }),
      'rid-1',
    );
    expect(r).toMatchObject({
      code: 'RATE_LIMITED',
      status: 429,
      message: 'slow down',
      details: { retryAfterSeconds: 7, reason: 'burst' },
      correlationId: 'rid-1',
      headers: { 'Retry-After': '7' },
      outcome: 'deny',
      unexpected: false,
    });
  });

  it('renders the same reply on the three faces', () => {
    const r = errorReplyOf(new DomainError('INVALID_TOKEN', 'bad token', { reason: 'malformed' }), 'rid-2');
    expect(graphqlErrorOf(r)).toEqual({
      message: 'bad token',
      extensions: { code: 'INVALID_TOKEN', correlationId: 'rid-2', reason: 'malformed' },
    });
    expect(restErrorBodyOf(r)).toEqual({
      error: { code: 'INVALID_TOKEN', message: 'bad token', correlationId: 'rid-2', reason: 'malformed' },
    });
    expect(beaconErrorOf(r)).toEqual({ errorCode: 401, errorMessage: 'bad token' });
  });

  it('labels refusals deny and failures error (the audit outcome)', () => {
    const outcome = (code: keyof typeof ERROR_TABLE) => errorReplyOf(new DomainError(code, 'x'), 'r').outcome;
    expect(
      [
        'UNAUTHENTICATED',
        'FORBIDDEN',
        'INVALID_TOKEN',
        'TOKEN_EXPIRED',
        'RATE_LIMITED',
        'UNKNOWN_DATASET',
      ].map((c) => outcome(c as keyof typeof ERROR_TABLE)),
    ).toEqual(Array(6).fill('deny'));
    expect(outcome('INVALID_BASES')).toBe('error');
    expect(outcome('AUDIT_UNAVAILABLE')).toBe('error');
  });

  it("codes Nest's own HTTP refusals by status, keeping their message below 500", () => {
    expect(errorReplyOf(new NotFoundException('Cannot GET /x'), 'r')).toMatchObject({
      code: 'NOT_FOUND',
      status: 404,
      message: 'Cannot GET /x',
      outcome: 'error',
    });
    expect(errorReplyOf(new BadRequestException('Unexpected token'), 'r')).toMatchObject({
      code: 'BAD_REQUEST',
      status: 400,
    });
    expect(errorReplyOf(new HttpException('nope', 401), 'r')).toMatchObject({
      code: 'UNAUTHENTICATED',
      outcome: 'deny',
    });
    const internal = errorReplyOf(new HttpException('db password in here', 502), 'rid-3');
    expect(internal).toMatchObject({ code: 'INTERNAL', status: 502, unexpected: false });
    expect(internal.message).not.toContain('password');
  });

  it('turns anything else into INTERNAL with the correlation id, never its message', () => {
    const r = errorReplyOf(new Error('secret stack detail'), 'rid-4');
    expect(r).toMatchObject({ code: 'INTERNAL', status: 500, unexpected: true, outcome: 'error' });
    expect(r.message).toBe('Internal error (correlation id rid-4)');
  });

  it('gives every code a status between 400 and 599', () => {
    for (const [code, entry] of Object.entries(ERROR_TABLE)) {
      expect({ code, ok: entry.status >= 400 && entry.status <= 599 }).toEqual({ code, ok: true });
    }
  });
});
