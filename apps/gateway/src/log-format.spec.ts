import { prettyLogs } from './log-format';

describe('log format', () => {
  it('is JSON for a log shipper (stdout not a terminal) and readable on a terminal, unless told', () => {
    expect(prettyLogs('auto', false)).toBe(false);
    expect(prettyLogs('auto', true)).toBe(true);
    expect(prettyLogs('json', true)).toBe(false);
    expect(prettyLogs('pretty', false)).toBe(true);
  });
});
