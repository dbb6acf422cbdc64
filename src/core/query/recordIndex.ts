import type { StreamRecord } from '../records';
import { ChunkFieldMatcher } from './chunkFieldMatcher';
import { FieldColumn } from './fieldColumn';
import { compareField, type FieldFilter } from './filterSyntax';
import { JsonPathScanner } from './jsonPathScanner';
import { packSlot, PathColumns, RECORD_INDEXED, RECORD_NOT_JSON, TAG_OBJECT } from './pathColumns';
import { slotNeedsParse } from './pathSlotMatch';
import { PathTrie, ROOT_NODE } from './pathTrie';
import { caseFoldOf, findRegex, findSubstring, RECORD_SEPARATOR, type JoinedText } from './joinedTextSearch';
import { kindCode, matchesQuery, matchesRegex, matchesText, searchableText, type CompiledQuery } from './recordQuery';

/** Records per chunk. Big enough that per-chunk work vanishes, small enough that a dropped chunk frees memory soon. */
const CHUNK_SIZE = 4096;
/**
 * Characters a chunk's joined text may hold before the chunk is sealed early: V8 strings end at about 2^29
 * characters, and 4096 large events (130 KB each) would pass that, so the join would throw on every sync.
 */
const CHUNK_MAX_CHARS = 64 * 1024 * 1024;
const NO_TYPE = 0xffffffff;
/** Below this many records, the open chunk is checked record by record. */
const FEW_RECORDS = 256;
/** Paths whose field columns (for unindexed records) are kept, the newest ones: editing a filter's value reuses them. */
const MAX_FIELD_COLUMNS = 2;
/** What an indexed record holds at the empty path: its root, an object or an array (both answer every filter alike). */
const ROOT_SLOT = packSlot(TAG_OBJECT, 0, 0);

/** The minimal view of a record store the index reads from (RecordStore satisfies it). */
export interface RecordSource {
  readonly firstPosition: number;
  readonly endPosition: number;
  at(position: number): StreamRecord | undefined;
  /** Lets an event keep its data as an equal slice of a joined text (see RecordStore.shareEventData). */
  shareEventData?(position: number, data: string): void;
}

/**
 * A run of consecutive positions with their columns. The searchable texts, in original case, are kept as one
 * string (see JoinedText): a substring or a regex is then one search per hit instead of one call per record, and V8
 * stores it compactly (one byte per character for Latin-1 text). While the chunk is open the pieces sit in `parts`
 * and the joined text is made on demand.
 */
interface Chunk {
  readonly start: number;
  count: number;
  readonly kinds: Uint8Array;
  readonly types: Uint32Array;
  /** Record i's text starts at offsets[i]; offsets[count] is one past the text's end (as if a separator followed). */
  readonly offsets: Uint32Array;
  /** Records' searchable texts while open; null once sealed. */
  parts: string[] | null;
  /** The joined text once sealed, or the last one made on demand while open (with `joined.offsets` up to its count). */
  joined: JoinedText | null;
  joinedCount: number;
  /** Where each record's JSON values are (the path index, filled as records arrive). */
  readonly paths: PathColumns;
  /** Field columns by path key, for the records the path index leaves unindexed. */
  readonly columns: Map<string, FieldColumn>;
}

/**
 * A compact columnar index over a session's records, by absolute store position: kind codes, interned event types,
 * searchable text and where each JSON value of an event's data is (by path, see JsonPathScanner). It follows the store
 * (`sync`), forgets what the store dropped, and scans a compiled query over a range of positions fast enough for 10⁶
 * records. No VS Code, no DOM: benchmarked in plain Node.
 */
export class RecordIndex {
  private chunks: Chunk[] = [];
  private endPos: number;
  private readonly typeIds = new Map<string, number>();
  private readonly typeNames: string[] = [];
  /** Paths with field columns, oldest first. */
  private readonly fieldPaths: string[] = [];
  private readonly pathTrie = new PathTrie();
  private readonly pathScanner = new JsonPathScanner(this.pathTrie);

  constructor(private readonly source: RecordSource) {
    this.endPos = source.firstPosition;
  }

  /** Event types seen so far, in first-seen order (kept after their records are dropped, for the chips). */
  get types(): readonly string[] {
    return this.typeNames;
  }

  /** Absolute position after the last indexed record. */
  get endPosition(): number {
    return this.endPos;
  }

  /** Absolute position of the oldest indexed record still retained by the source. */
  get firstPosition(): number {
    return Math.max(this.source.firstPosition, this.chunks[0]?.start ?? this.endPos);
  }

  /**
   * Indexes what the source appended since the last call and forgets what it dropped. Returns the first newly
   * indexed position (equal to `endPosition` when nothing is new).
   */
  sync(): number {
    const first = this.source.firstPosition;
    while (this.chunks.length > 0) {
      const c = this.chunks[0]!;
      if (c.start + c.count > first) break;
      this.chunks.shift();
    }
    // Records dropped before we saw them leave a gap: the next record starts a new chunk.
    if (this.endPos < first) {
      this.sealLast();
      this.endPos = first;
    }
    const from = this.endPos;
    const end = this.source.endPosition;
    for (let p = from; p < end; p++) {
      const r = this.source.at(p);
      if (r) this.append(p, r);
    }
    this.endPos = Math.max(this.endPos, end);
    return from;
  }

  private append(position: number, r: StreamRecord): void {
    let chunk = this.chunks[this.chunks.length - 1];
    if (!chunk || chunk.parts === null || chunk.count === CHUNK_SIZE || chunk.start + chunk.count !== position) {
      if (chunk) this.seal(chunk);
      chunk = {
        start: position, count: 0, kinds: new Uint8Array(CHUNK_SIZE), types: new Uint32Array(CHUNK_SIZE),
        offsets: new Uint32Array(CHUNK_SIZE + 1), parts: [], joined: null, joinedCount: 0,
        paths: new PathColumns(CHUNK_SIZE), columns: new Map(),
      };
      this.chunks.push(chunk);
    }
    const i = chunk.count++;
    chunk.kinds[i] = kindCode(r.kind);
    chunk.types[i] = r.kind === 'event' ? this.typeId(r.type) : NO_TYPE;
    chunk.paths.states[i] = r.kind === 'event' ? this.pathScanner.index(r.data, chunk.paths, i) : RECORD_NOT_JSON;
    // Original case: no per-record lower-casing (see JoinedText for how a case-insensitive search reads it).
    const text = searchableText(r);
    chunk.parts!.push(text);
    chunk.offsets[i + 1] = chunk.offsets[i]! + text.length + 1;
    if (chunk.count === CHUNK_SIZE || chunk.offsets[chunk.count]! >= CHUNK_MAX_CHARS) this.seal(chunk);
  }

  private typeId(type: string): number {
    let id = this.typeIds.get(type);
    if (id === undefined) {
      id = this.typeNames.length;
      this.typeIds.set(type, id);
      this.typeNames.push(type);
    }
    return id;
  }

  private sealLast(): void {
    const last = this.chunks[this.chunks.length - 1];
    if (last) this.seal(last);
  }

  private seal(c: Chunk): void {
    if (c.parts === null) return;
    c.joined = this.join(c);
    c.joinedCount = c.count;
    c.parts = null;
    this.shareData(c, c.joined.text);
  }

  /**
   * The joined text holds a copy of every event's data (its searchable text ends with it): the store's events take
   * their data as slices of it, so 10⁶ retained events keep their characters once, not twice (about 90 MB less).
   */
  private shareData(c: Chunk, text: string): void {
    if (!this.source.shareEventData) return;
    for (let i = 0; i < c.count; i++) {
      const r = this.source.at(c.start + i);
      if (r?.kind !== 'event') continue;
      const end = c.offsets[i + 1]! - 1;
      this.source.shareEventData(c.start + i, text.slice(end - r.data.length, end));
    }
  }

  private join(c: Chunk): JoinedText {
    const text = c.parts!.join(RECORD_SEPARATOR);
    return { text, offsets: c.offsets, fold: caseFoldOf(text) };
  }

  /** The chunk's joined text, made (and kept until more records arrive) while the chunk is open. */
  private joinedOf(c: Chunk): JoinedText {
    if (c.joined === null || c.joinedCount !== c.count) {
      c.joined = this.join(c);
      c.joinedCount = c.count;
    }
    return c.joined;
  }

  /**
   * Calls `onMatch` with each position in [from, to) whose record passes `q`, in ascending order. Kind, type,
   * substring and regex checks read only the index; a field filter reads the path index's slots and the values
   * they point at in place, and parses only the records the path index left unindexed.
   */
  scan(q: CompiledQuery, from: number, to: number, onMatch: (position: number) => void): void {
    const typeAllowed = this.typeMask(q);
    const text = q.text;
    // Resolved per scan: a path first seen after the last scan is found by the next one.
    const fieldNode = text.kind === 'field' ? this.pathTrie.find(text.field.path) : -1;
    for (const c of this.chunks) {
      const lo = Math.max(from, c.start, this.source.firstPosition) - c.start;
      const hi = Math.min(to, c.start + c.count) - c.start;
      if (lo >= hi) continue;
      const report = (i: number): void => {
        if (q.kindAllowed[c.kinds[i]!] === 1 && (typeAllowed === null || c.types[i] === NO_TYPE || typeAllowed[c.types[i]!] === 1)) onMatch(c.start + i);
      };
      switch (text.kind) {
        case 'none':
          scanChips(c, lo, hi, q.kindAllowed, typeAllowed, onMatch);
          break;
        case 'substring':
          if (this.fewOpenRecords(c, lo, hi)) this.scanRecords(c, lo, hi, q, report);
          else findSubstring(this.joinedOf(c), lo, hi, text.needle, report);
          break;
        case 'regex':
          if (this.fewOpenRecords(c, lo, hi)) this.scanRecords(c, lo, hi, q, report);
          else findRegex(this.joinedOf(c), lo, hi, text.regex, (i) => this.recordMatchesRegex(c, i, text.regex), report);
          break;
        case 'field':
          this.scanField(c, lo, hi, text.field, fieldNode, report);
          break;
      }
    }
  }

  /**
   * Field checks over [lo, hi) of a chunk; `node` is the filter's path in the trie (-1 when no record had it).
   * Indexed records are answered from their slots (see ChunkFieldMatcher); records the path index left unindexed,
   * and `contains` on an object or array, go through a field column that parses them.
   */
  private scanField(c: Chunk, lo: number, hi: number, field: FieldFilter, node: number, report: (i: number) => void): void {
    const states = c.paths.states;
    const slots = node === -1 || node === ROOT_NODE ? undefined : c.paths.column(node);
    const missingPasses = compareField(undefined, field);
    const recordAt = (i: number): StreamRecord | undefined => this.source.at(c.start + i);
    const joined = slots === undefined || this.fewOpenRecords(c, lo, hi) ? null : this.joinedOf(c);
    const matcher = new ChunkFieldMatcher(field, joined, (i) => eventData(recordAt(i)));
    if (slots !== undefined) matcher.findContainsHits(lo, hi, states, slots);
    let parsed: FieldColumn | undefined;
    for (let i = lo; i < hi; i++) {
      const state = states[i];
      if (state === RECORD_NOT_JSON) continue;
      if (state === RECORD_INDEXED) {
        const slot = node === ROOT_NODE ? ROOT_SLOT : slots === undefined ? 0 : slots[i]!;
        if (slot === 0) {
          if (missingPasses) report(i);
          continue;
        }
        if (!slotNeedsParse(slot, field)) {
          if (matcher.matches(i, slot)) report(i);
          continue;
        }
      }
      parsed ??= this.columnOf(c, field.path);
      if (parsed.matches(i, field, recordAt)) report(i);
    }
  }

  /** True for a few new records of the open chunk (a live sync): checking them one by one beats joining the chunk. */
  private fewOpenRecords(c: Chunk, lo: number, hi: number): boolean {
    return c.parts !== null && hi - lo < FEW_RECORDS && c.joinedCount !== c.count;
  }

  private scanRecords(c: Chunk, lo: number, hi: number, q: CompiledQuery, report: (i: number) => void): void {
    for (let i = lo; i < hi; i++) {
      const r = this.source.at(c.start + i);
      if (r && matchesText(r, q.text)) report(i);
    }
  }

  private recordMatchesRegex(c: Chunk, i: number, regex: RegExp): boolean {
    const r = this.source.at(c.start + i);
    return r !== undefined && matchesRegex(r, regex);
  }

  /** The chunk's column for `path`; the index keeps columns for the newest {@link MAX_FIELD_COLUMNS} paths. */
  private columnOf(c: Chunk, path: readonly (string | number)[]): FieldColumn {
    const key = FieldColumn.keyOf(path);
    const known = this.fieldPaths.indexOf(key);
    if (known !== -1) this.fieldPaths.splice(known, 1);
    this.fieldPaths.push(key);
    while (this.fieldPaths.length > MAX_FIELD_COLUMNS) {
      const evicted = this.fieldPaths.shift()!;
      for (const chunk of this.chunks) chunk.columns.delete(evicted);
    }
    let column = c.columns.get(key);
    if (column === undefined) {
      column = new FieldColumn(path, CHUNK_SIZE);
      c.columns.set(key, column);
    }
    return column;
  }

  private typeMask(q: CompiledQuery): Uint8Array | null {
    if (!q.types) return null;
    const mask = new Uint8Array(this.typeNames.length);
    this.typeNames.forEach((name, id) => { if (q.types!.has(name)) mask[id] = 1; });
    return mask;
  }

  /** Checks one retained record against `q` (the same answer `scan` gives). */
  matches(position: number, q: CompiledQuery): boolean {
    const r = this.source.at(position);
    return r !== undefined && matchesQuery(r, q);
  }
}

/**
 * Kind and type checks alone, over every record of [lo, hi): a small loop of its own, since inside `scan` (bigger, with
 * closures) V8 ran it at about half the speed.
 */
function scanChips(c: Chunk, lo: number, hi: number, kindAllowed: Uint8Array, typeAllowed: Uint8Array | null, onMatch: (position: number) => void): void {
  const kinds = c.kinds;
  const types = c.types;
  for (let i = lo; i < hi; i++) {
    if (kindAllowed[kinds[i]!] !== 1) continue;
    const type = types[i]!;
    if (typeAllowed === null || type === NO_TYPE || typeAllowed[type] === 1) onMatch(c.start + i);
  }
}

/** An indexed record's data (an indexed record is an event). */
function eventData(r: StreamRecord | undefined): string {
  return r?.kind === 'event' ? r.data : '';
}
