import { isHex, skipDigits, skipWhitespace } from '../jsonText';
import {
  MAX_DATA_LENGTH, MAX_SMALL_INTEGER, MAX_VALUE_LENGTH, packSlot, packSmallInteger, RECORD_INDEXED, RECORD_NOT_JSON,
  RECORD_UNINDEXED, TAG_ARRAY, TAG_ASCII_STRING, TAG_ESCAPED_STRING, TAG_FALSE, TAG_INTEGER, TAG_NULL, TAG_NUMBER,
  TAG_OBJECT, TAG_SMALL_INTEGER, TAG_STRING, TAG_TRUE, type PathColumns,
} from './pathColumns';
import { ROOT_NODE, type PathTrie } from './pathTrie';

/** Nesting the scanner follows (it recurses once per level). */
const MAX_DEPTH = 32;
/** Values (objects and arrays included) one record may put in the slots: bounds the slots' memory per record. */
const MAX_NODES_PER_RECORD = 64;

const VT = 0x0b, FF = 0x0c, SPACE = 0x20;
const QUOTE = 0x22, PLUS = 0x2b, COMMA = 0x2c, MINUS = 0x2d, DOT = 0x2e, SLASH = 0x2f, ZERO = 0x30, NINE = 0x39, COLON = 0x3a;
const BACKSLASH = 0x5c, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d, OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d;
/** Any character that makes a string's end more than its next quote: a backslash, a control character, non-ASCII. */
const NOT_PLAIN = /[^\x20-\x5b\x5d-\x7e]/;
/** Digits an integer may have to be exact as a double and read by a digit loop (2^53 has 16). */
const MAX_INTEGER_DIGITS = 15;
/** Digits an integer may have to be read while scanning, to be kept in its slot if small enough. */
const SMALL_INTEGER_DIGITS = 9;

/**
 * A validating JSON scanner that walks one record's data once and writes, for every value it meets, a slot (tag,
 * start, length) under the value's path node. It accepts exactly what JSON.parse accepts (RFC 8259: whitespace is
 * space, tab, LF and CR only; strings without raw control characters; lone surrogates are fine), so a record it
 * indexes is one JSON.parse would have read the same way. Whatever it cannot place exactly — invalid JSON, an escaped
 * key, a duplicate key, a bound passed — leaves the record RECORD_UNINDEXED for the per-record check. No allocation
 * once the record's keys are known to the trie.
 */
export class JsonPathScanner {
  private data = '';
  private pos = 0;
  private columns: PathColumns | null = null;
  private record = 0;
  private nodesLeft = 0;
  /** The tag of the last string `stringEnd` read (ASCII, other, escaped). */
  private stringTag = TAG_ASCII_STRING;
  /** True when the data holds no character NOT_PLAIN finds: each string then ends at its next quote. */
  private plain = false;
  /** The value of the last number `number` tagged TAG_SMALL_INTEGER. */
  private smallInteger = 0;

  constructor(private readonly trie: PathTrie) {}

  /** Indexes `data` as record i of `columns`; returns the record's state (a RECORD_* constant). */
  index(data: string, columns: PathColumns, i: number): number {
    const start = skipWhitespace(data, 0);
    const head = data.charCodeAt(start);
    if (head !== OPEN_BRACE && head !== OPEN_BRACKET) return startsLikeJsonAfterTrim(data) ? RECORD_UNINDEXED : RECORD_NOT_JSON;
    if (data.length > MAX_DATA_LENGTH) return RECORD_UNINDEXED;
    this.data = data;
    this.pos = start;
    this.columns = columns;
    this.record = i;
    this.nodesLeft = MAX_NODES_PER_RECORD;
    // One native pass instead of a check per character of every string (charCodeAt costs most of a scan).
    this.plain = !NOT_PLAIN.test(data);
    const ok = this.value(ROOT_NODE, 0) && skipWhitespace(data, this.pos) === data.length;
    this.data = '';
    this.columns = null;
    return ok ? RECORD_INDEXED : RECORD_UNINDEXED;
  }

  /** Scans the value at `pos` and records it under `node`; false when the record cannot be indexed. */
  private value(node: number, depth: number): boolean {
    const data = this.data;
    const start = this.pos;
    switch (data.charCodeAt(start)) {
      case OPEN_BRACE: return this.object(node, depth);
      case OPEN_BRACKET: return this.array(node, depth);
      case QUOTE: {
        const end = this.stringEnd(start + 1);
        if (end < 0) return false;
        this.pos = end + 1;
        return this.putSpan(node, this.stringTag, start + 1, end - start - 1);
      }
      case 0x74: return this.literal('true', node, TAG_TRUE); // t
      case 0x66: return this.literal('false', node, TAG_FALSE); // f
      case 0x6e: return this.literal('null', node, TAG_NULL); // n
      default: {
        const tag = this.number();
        if (tag === TAG_SMALL_INTEGER) return this.put(node, packSmallInteger(this.smallInteger));
        return tag !== 0 && this.putSpan(node, tag, start, this.pos - start);
      }
    }
  }

  private object(node: number, depth: number): boolean {
    if (depth >= MAX_DEPTH || !this.put(node, packSlot(TAG_OBJECT, 0, 0))) return false;
    const data = this.data;
    let pos = skipWhitespace(data, this.pos + 1);
    if (data.charCodeAt(pos) === CLOSE_BRACE) {
      this.pos = pos + 1;
      return true;
    }
    for (;;) {
      if (data.charCodeAt(pos) !== QUOTE) return false;
      const child = this.keyChild(node, pos + 1);
      if (child < 0) return false;
      pos = skipWhitespace(data, this.pos);
      if (data.charCodeAt(pos) !== COLON) return false;
      this.pos = skipWhitespace(data, pos + 1);
      if (!this.value(child, depth + 1)) return false;
      pos = skipWhitespace(data, this.pos);
      const c = data.charCodeAt(pos);
      if (c === CLOSE_BRACE) {
        this.pos = pos + 1;
        return true;
      }
      if (c !== COMMA) return false;
      pos = skipWhitespace(data, pos + 1);
    }
  }

  /** The trie node of the key whose content starts at `from`, with `pos` after its closing quote; -1 if none can be. */
  private keyChild(node: number, from: number): number {
    const known = this.trie.knownKeyChild(node, this.data, from);
    if (known >= 0) {
      this.pos = from + this.trie.keyLength(known) + 1;
      return known;
    }
    const end = this.stringEnd(from);
    // An escaped key would need decoding to be found: such records are left to the field column, which parses them.
    if (end < 0 || this.stringTag === TAG_ESCAPED_STRING) return -1;
    this.pos = end + 1;
    return this.trie.addKeyChild(node, this.data.slice(from, end));
  }

  private array(node: number, depth: number): boolean {
    if (depth >= MAX_DEPTH || !this.put(node, packSlot(TAG_ARRAY, 0, 0))) return false;
    const data = this.data;
    let pos = skipWhitespace(data, this.pos + 1);
    if (data.charCodeAt(pos) === CLOSE_BRACKET) {
      this.pos = pos + 1;
      return true;
    }
    for (let index = 0; ; index++) {
      const child = this.trie.indexChild(node, index);
      if (child < 0) return false;
      this.pos = pos;
      if (!this.value(child, depth + 1)) return false;
      pos = skipWhitespace(data, this.pos);
      const c = data.charCodeAt(pos);
      if (c === CLOSE_BRACKET) {
        this.pos = pos + 1;
        return true;
      }
      if (c !== COMMA) return false;
      pos = skipWhitespace(data, pos + 1);
    }
  }

  /**
   * The index of the closing quote of the string whose content starts at `from`, or -1 when it is not valid JSON.
   * Sets `stringTag`.
   */
  private stringEnd(from: number): number {
    const data = this.data;
    if (this.plain) {
      this.stringTag = TAG_ASCII_STRING;
      return data.indexOf('"', from);
    }
    const length = data.length;
    let tag = TAG_ASCII_STRING;
    for (let p = from; p < length; p++) {
      const c = data.charCodeAt(p);
      if (c === QUOTE) {
        this.stringTag = tag;
        return p;
      }
      if (c < SPACE) return -1; // RFC 8259 §7: control characters must be escaped
      if (c === BACKSLASH) {
        tag = TAG_ESCAPED_STRING;
        const e = data.charCodeAt(++p);
        if (e === 0x75) { // u: four hex digits
          if (!isHex(data.charCodeAt(p + 1)) || !isHex(data.charCodeAt(p + 2)) || !isHex(data.charCodeAt(p + 3)) || !isHex(data.charCodeAt(p + 4))) return -1;
          p += 4;
        } else if (e !== QUOTE && e !== BACKSLASH && e !== SLASH && e !== 0x62 && e !== 0x66 && e !== 0x6e && e !== 0x72 && e !== 0x74) {
          return -1; // not one of \" \\ \/ \b \f \n \r \t
        }
      } else if (c > 0x7f && tag === TAG_ASCII_STRING) {
        tag = TAG_STRING;
      }
    }
    return -1;
  }

  /** Reads a number at `pos` (RFC 8259 §6); its tag, or 0 when there is none. */
  private number(): number {
    const data = this.data;
    let p = this.pos;
    const negative = data.charCodeAt(p) === MINUS;
    if (negative) p++;
    const intStart = p;
    const first = data.charCodeAt(p);
    if (first === ZERO) p++;
    else if (first > ZERO && first <= NINE) p = skipDigits(data, p + 1);
    else return 0;
    const digits = p - intStart;
    let tag = digits <= MAX_INTEGER_DIGITS ? TAG_INTEGER : TAG_NUMBER;
    if (data.charCodeAt(p) === DOT) {
      const end = skipDigits(data, p + 1);
      if (end === p + 1) return 0;
      p = end;
      tag = TAG_NUMBER;
    }
    const e = data.charCodeAt(p);
    if (e === 0x65 || e === 0x45) { // e E
      p++;
      const sign = data.charCodeAt(p);
      if (sign === PLUS || sign === MINUS) p++;
      const end = skipDigits(data, p);
      if (end === p) return 0;
      p = end;
      tag = TAG_NUMBER;
    }
    this.pos = p;
    if (tag === TAG_INTEGER && digits <= SMALL_INTEGER_DIGITS) {
      let n = 0;
      for (let d = intStart; d < p; d++) n = n * 10 + data.charCodeAt(d) - ZERO;
      // -0 keeps its span (compareField would answer alike, but the slot stays a plain copy of what JSON.parse reads).
      if (n <= MAX_SMALL_INTEGER && !(negative && n === 0)) {
        this.smallInteger = negative ? -n : n;
        return TAG_SMALL_INTEGER;
      }
    }
    return tag;
  }

  private literal(word: string, node: number, tag: number): boolean {
    if (!this.data.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return this.put(node, packSlot(tag, 0, 0));
  }

  /** Writes the slot of a number or string at [start, start + length); false when it is too long for a slot. */
  private putSpan(node: number, tag: number, start: number, length: number): boolean {
    return length <= MAX_VALUE_LENGTH && this.put(node, packSlot(tag, this.data.length - start, length));
  }

  /** Writes a value's slot; false when a bound is passed or the record already had this path (a duplicate key). */
  private put(node: number, slot: number): boolean {
    if (node === ROOT_NODE) return true; // an indexed record's root is always an object or an array: no slot needed
    if (--this.nodesLeft < 0) return false;
    return this.columns!.write(node, this.record, slot);
  }
}

/**
 * True when data that does not start with `{` or `[` after JSON whitespace does after String.prototype.trimStart,
 * which trims more (NBSP, BOM, VT, FF…): the per-record check then tries JSON.parse, which fails. Only such a
 * character can make the difference, so the trim runs only when one comes first.
 */
function startsLikeJsonAfterTrim(data: string): boolean {
  const c = data.charCodeAt(skipWhitespace(data, 0));
  if (c !== VT && c !== FF && !(c > 0x7f)) return false;
  const head = data.trimStart()[0];
  return head === '{' || head === '[';
}
