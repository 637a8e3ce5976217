// Where every command's server and token come from, and what is refused before any request.
import { describe, expect, it } from 'vitest';
import { connection } from '../../../cli/api/client';

describe('connection', () => {
  it('takes flags before the environment', () => {
    expect(connection({ server: 'http://a.test', token: 't1' }, { DUESBOOK_SERVER: 'http://b.test', DUESBOOK_TOKEN: 't2' })).toEqual({ server: 'http://a.test', token: 't1' });
    expect(connection({}, { DUESBOOK_SERVER: 'http://b.test', DUESBOOK_TOKEN: 't2' })).toEqual({ server: 'http://b.test', token: 't2' });
  });

  it('says what is missing, and a server that is not a URL, before any command sends anything', () => {
    expect(connection({ token: 't' }, {})).toEqual({ missing: 'no server: pass --server URL or set DUESBOOK_SERVER' });
    expect(connection({ server: 'http://a.test' }, {})).toEqual({ missing: 'no token: pass --token TOKEN or set DUESBOOK_TOKEN' });
    expect(connection({ server: 'localhost 8787', token: 't' }, {})).toEqual({ missing: 'not a URL: localhost 8787' });
  });
});
