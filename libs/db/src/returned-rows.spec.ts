import { returnedRows } from './returned-rows';

describe('returnedRows', () => {
  it("unwraps TypeORM's [rows, rowCount] of an UPDATE or DELETE, and takes an INSERT's rows as they are", () => {
    expect(returnedRows([[], 0])).toEqual([]);
    expect(returnedRows([[{ id: '1' }], 1])).toEqual([{ id: '1' }]);
    expect(returnedRows([{ id: '1' }, { id: '2' }])).toEqual([{ id: '1' }, { id: '2' }]);
    expect(returnedRows([])).toEqual([]);
    expect(() => returnedRows(undefined)).toThrow(TypeError);
  });
});
