// Prefixed ids: shape, time order, uniqueness; opaque cursors round-trip and reject tampering.
import { expect, it } from 'vitest';
import { ApiError } from '../../api/errors.js';
import { isId, newId } from '../../api/ids.js';
import { decodeCursor, encodeCursor, pageOf } from '../../api/store/pagination.js';

it('makes prefixed ids that sort by creation time and do not repeat', () => {
  const early = newId('ord', Date.UTC(2026, 0, 1));
  const late = newId('ord', Date.UTC(2026, 0, 1, 0, 0, 0, 1));
  expect(early).toMatch(/^ord_[0-9A-HJKMNP-TV-Z]{26}$/);
  expect(isId(early, 'ord')).toBe(true);
  expect(isId(early, 'cou')).toBe(false);
  expect(early < late).toBe(true);
  const many = new Set(Array.from({ length: 5000 }, () => newId('evt')));
  expect(many.size).toBe(5000);
});

it('round-trips cursors and rejects foreign ones with bad_cursor', () => {
  expect(decodeCursor(encodeCursor('ord_X'))).toBe('ord_X');
  expect(decodeCursor(encodeCursor(42))).toBe('42');
  expect(decodeCursor(undefined)).toBeUndefined();
  for (const bad of ['%%%', Buffer.from('{"b":1}').toString('base64url'), Buffer.from('[1]').toString('base64url')]) {
    expect(() => decodeCursor(bad)).toThrow(ApiError);
  }
});

it('cuts a page of limit + 1 rows and points the cursor at the last row kept', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  const page = pageOf(rows, 2, (r) => r.id);
  expect(page.data).toEqual([{ id: 'a' }, { id: 'b' }]);
  expect(decodeCursor(page.next_cursor!)).toBe('b');
  expect(pageOf(rows, 3, (r) => r.id).next_cursor).toBeNull();
});
