/** Tokens of MLflow's search filter language (a small subset of SQL). */
export type Token =
  | { kind: "word"; text: string; position: number }
  | { kind: "quoted"; quote: "`" | '"' | "'"; text: string; position: number }
  | { kind: "number"; value: number; text: string; position: number }
  | {
      kind: "symbol";
      text: "=" | "!=" | "<" | "<=" | ">" | ">=" | "(" | ")" | "," | ".";
      position: number;
    }
  | { kind: "end"; position: number };

/** Where the text stops making sense, and what the parser was looking for there. */
export interface FilterSyntaxError {
  position: number;
  expected: string;
  message: string;
}

export function syntaxError(position: number, expected: string, found: string): FilterSyntaxError {
  return {
    position,
    expected,
    message: `Invalid filter at position ${position}: expected ${expected}, found ${found}`,
  };
}

export function describeToken(token: Token): string {
  switch (token.kind) {
    case "end":
      return "the end of the filter";
    case "quoted":
      return `${token.quote}${token.text}${token.quote}`;
    case "number":
      return token.text;
    default:
      return `'${token.text}'`;
  }
}

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/y;
const SYMBOLS = ["!=", "<>", "<=", ">=", "=", "<", ">", "(", ")", ",", "."] as const;

/** Splits the text into tokens; an unterminated quote is the only lexical error. */
export function tokenize(text: string): { tokens: Token[] } | { error: FilterSyntaxError } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i] as string;
    if (/\s/.test(char)) {
      i += 1;
      continue;
    }
    if (char === "`" || char === '"' || char === "'") {
      const { value, end } = readQuoted(text, i, char);
      if (end < 0) return { error: syntaxError(i, `a closing ${char}`, "the end of the filter") };
      tokens.push({ kind: "quoted", quote: char, text: value, position: i });
      i = end;
      continue;
    }
    // A dot between a word and digits belongs to the identifier (metrics.1x), so numbers are only
    // read where the previous token is not a dot.
    const previous = tokens.at(-1);
    const isAfterDot = previous?.kind === "symbol" && previous.text === ".";
    NUMBER.lastIndex = i;
    const number = isAfterDot ? null : NUMBER.exec(text);
    if (number && !/[A-Za-z_]/.test(text[i + number[0].length] ?? "")) {
      tokens.push({ kind: "number", value: Number(number[0]), text: number[0], position: i });
      i += number[0].length;
      continue;
    }
    WORD.lastIndex = i;
    const word = WORD.exec(text) ?? (isAfterDot ? /[A-Za-z0-9_]+/y : null)?.exec(text.slice(i));
    if (word) {
      tokens.push({ kind: "word", text: word[0], position: i });
      i += word[0].length;
      continue;
    }
    const symbol = SYMBOLS.find((s) => text.startsWith(s, i));
    if (symbol) {
      tokens.push({ kind: "symbol", text: symbol === "<>" ? "!=" : symbol, position: i });
      i += symbol.length;
      continue;
    }
    return { error: syntaxError(i, "an identifier, a value or an operator", `'${char}'`) };
  }
  tokens.push({ kind: "end", position: text.length });
  return { tokens };
}

/** Reads a quoted run; a doubled quote character stands for itself, as in SQL. */
function readQuoted(text: string, start: number, quote: string): { value: string; end: number } {
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    const char = text[i] as string;
    if (char === quote) {
      if (text[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    if (char === "\\" && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
      continue;
    }
    value += char;
    i += 1;
  }
  return { value, end: -1 };
}
