import * as fs from 'node:fs';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';

/** A policy file that cannot be used: names the file and the line of the offending value. */
export class PolicyFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    problem: string,
  ) {
    super(`${file}${line === null ? '' : `:${line}`}: ${problem}`);
    this.name = 'PolicyFileError';
  }
}

/** Where a value sits in a policy document: keys and list indexes from the root. */
export type PolicyPath = (string | number)[];

/** Refuses the file, naming the line of the value at `path` (or of its nearest parent that has one). */
export type PolicyFail = (path: PolicyPath, problem: string) => never;

/**
 * Reads a YAML policy file (the one reader of policies/*.yaml): a syntax error is refused naming its line,
 * and `fail` refuses a value naming the line of that value. Each policy's own walk validates what it holds.
 */
export function readPolicyYaml(file: string): { root: unknown; fail: PolicyFail } {
  return parsePolicyYaml(file, fs.readFileSync(file, 'utf8'));
}

/** `readPolicyYaml` for a text already read (JSON is read by the same parser); `file` names it in errors. */
export function parsePolicyYaml(file: string, text: string): { root: unknown; fail: PolicyFail } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new PolicyFileError(file, lineCounter.linePos(e.pos[0]).line, e.message.split('\n')[0]);
  }
  const fail: PolicyFail = (path, problem) => {
    throw new PolicyFileError(
      file,
      lineOf(doc, lineCounter, path),
      `${path.join('.') || '(root)'}: ${problem}`,
    );
  };
  return { root: doc.toJS() as unknown, fail };
}

function lineOf(doc: Document, lc: LineCounter, path: PolicyPath): number | null {
  for (let n = path.length; n >= 0; n--) {
    const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lc.linePos(node.range[0]).line;
  }
  return null;
}
