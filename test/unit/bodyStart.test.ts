import * as assert from 'node:assert/strict';
import { describeBodyStart } from '../../src/core/http/bodyStart';

describe('the start of an unexpected body, in an error message', () => {
  it('is the text as sent, not JSON-escaped', () => {
    assert.equal(describeBodyStart('{"error":"use POST"}'), 'body starts: {"error":"use POST"}');
  });

  it('stays on one line: white space runs become one space, other control characters \\xNN', () => {
    assert.equal(describeBodyStart('<html>\r\n  <h1>Bad\tGateway</h1>\n</html>\n'), 'body starts: <html> <h1>Bad Gateway</h1> </html>');
    assert.equal(describeBodyStart('a\x00b\x7f'), 'body starts: a\\x00b\\x7f');
  });

  it('is cut at 120 characters with an ellipsis, never inside a surrogate pair', () => {
    const long = `${'x'.repeat(119)}😀tail`;
    assert.equal(describeBodyStart(long), `body starts: ${'x'.repeat(119)}😀…`);
  });

  it('says when the body is empty', () => {
    assert.equal(describeBodyStart(''), 'empty body');
    assert.equal(describeBodyStart(' \n'), 'empty body');
  });
});
