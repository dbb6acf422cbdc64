import { scanJson, type JsonVisitor } from './jsonScanner';

/**
 * Levels indented on lines of their own. Deeper values are written compact on their parent's line: indenting every
 * level of `[[[…]]]` 10⁵ deep would make the output grow with the square of the depth.
 */
const MAX_INDENTED_LEVELS = 64;

/**
 * `text` re-indented as JSON.stringify(value, null, 2) lays JSON out, but from the source tokens, so nothing changes
 * but whitespace: numbers and strings as written (`1.10`, `-0`, `1e3`, `"\u00e9"`), keys in their order, repeated keys
 * kept. Undefined when JSON.parse would reject the text. Levels below the 64th stay compact.
 */
export function prettyJson(text: string): string | undefined {
  const printer = new PrettyPrinter(text);
  return scanJson(text, printer) ? printer.out : undefined;
}

class PrettyPrinter implements JsonVisitor {
  out = '';
  /** Per open container: its closing bracket, and whether anything has been written in it yet. */
  private readonly closers: string[] = [];
  private readonly empty: boolean[] = [];
  private afterKey = false;
  private readonly indents = ['\n'];

  constructor(private readonly text: string) {}

  openObject(): void {
    this.beforeValue();
    this.out += '{';
    this.closers.push('}');
    this.empty.push(true);
  }

  openArray(): void {
    this.beforeValue();
    this.out += '[';
    this.closers.push(']');
    this.empty.push(true);
  }

  key(start: number, end: number): void {
    this.beforeMember();
    this.out += this.text.slice(start, end);
    this.out += this.closers.length <= MAX_INDENTED_LEVELS ? ': ' : ':';
    this.afterKey = true;
  }

  scalar(_kind: unknown, start: number, end: number): void {
    this.beforeValue();
    this.out += this.text.slice(start, end);
  }

  close(): void {
    const level = this.closers.length;
    const closer = this.closers.pop()!;
    if (!this.empty.pop()) this.newline(level - 1, level);
    this.out += closer;
  }

  /** A value in an array starts a member; one after a key is on the key's line. */
  private beforeValue(): void {
    if (this.afterKey) this.afterKey = false;
    else if (this.closers.length > 0) this.beforeMember();
  }

  private beforeMember(): void {
    const level = this.closers.length;
    if (this.empty[level - 1]) this.empty[level - 1] = false;
    else this.out += ',';
    this.newline(level, level);
  }

  /** A line break indented to `indent` levels, when the members of level `memberLevel` get lines of their own. */
  private newline(indent: number, memberLevel: number): void {
    if (memberLevel > MAX_INDENTED_LEVELS) return;
    while (this.indents.length <= indent) this.indents.push(`${this.indents[this.indents.length - 1]}  `);
    this.out += this.indents[indent];
  }
}
