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
  return scanJson(text, printer) ? printer.parts.join('') : undefined;
}

class PrettyPrinter implements JsonVisitor {
  /** The output in pieces, joined once: adding 10⁵ small strings to one string one by one was 3× slower. */
  readonly parts: string[] = [];
  /** Per open container: its closing bracket, and whether anything has been written in it yet. */
  private readonly closers: string[] = [];
  private readonly empty: boolean[] = [];
  private afterKey = false;
  /** Per level: a line break indented to it, and the same after a comma ('' and ',' past MAX_INDENTED_LEVELS). */
  private readonly breaks = ['\n'];
  private readonly commaBreaks = [',\n'];

  constructor(private readonly text: string) {}

  openObject(): void {
    this.beforeValue();
    this.parts.push('{');
    this.closers.push('}');
    this.empty.push(true);
  }

  openArray(): void {
    this.beforeValue();
    this.parts.push('[');
    this.closers.push(']');
    this.empty.push(true);
  }

  key(start: number, end: number): void {
    this.beforeMember();
    this.parts.push(this.text.slice(start, end), this.closers.length <= MAX_INDENTED_LEVELS ? ': ' : ':');
    this.afterKey = true;
  }

  scalar(_kind: unknown, start: number, end: number): void {
    this.beforeValue();
    this.parts.push(this.text.slice(start, end));
  }

  close(): void {
    const level = this.closers.length;
    const closer = this.closers.pop()!;
    // The closing bracket goes on a line of its own at its container's level, as its members did one level deeper.
    if (!this.empty.pop()) this.parts.push(level <= MAX_INDENTED_LEVELS ? this.lineBreak(level - 1, false) : '');
    this.parts.push(closer);
  }

  /** A value in an array starts a member; one after a key is on the key's line. */
  private beforeValue(): void {
    if (this.afterKey) this.afterKey = false;
    else if (this.closers.length > 0) this.beforeMember();
  }

  private beforeMember(): void {
    const level = this.closers.length;
    const first = this.empty[level - 1]!;
    if (first) this.empty[level - 1] = false;
    this.parts.push(level <= MAX_INDENTED_LEVELS ? this.lineBreak(level, !first) : first ? '' : ',');
  }

  /** A line break indented to `level`, after a comma if `comma`. */
  private lineBreak(level: number, comma: boolean): string {
    while (this.breaks.length <= level) {
      this.breaks.push(`${this.breaks[this.breaks.length - 1]}  `);
      this.commaBreaks.push(`${this.commaBreaks[this.commaBreaks.length - 1]}  `);
    }
    return (comma ? this.commaBreaks : this.breaks)[level]!;
  }
}
