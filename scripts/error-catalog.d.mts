// Types for scripts/error-catalog.mjs, so TypeScript tests can import its pure functions.
import type { Expression, SourceFile } from 'typescript';

/** How a message reaches the user; see the page's introduction. */
export type Kind = 'error' | 'failure' | 'annotation' | 'warning' | 'notice' | 'detail';

/** One message found at one place in src. */
export interface Entry {
  kind: Kind;
  /** An invariant check (RangeError/TypeError, or text saying "internal"/"bug"): listed apart, never "to improve". */
  internal: boolean;
  /** The message with `${…}` shown as placeholders (rules in the script's header). */
  message: string;
  /** Path as given to {@link catalog} (repository-relative for the real run). */
  file: string;
  /** 1-based line of the site (the `new …Error(`, the call, the property). */
  line: number;
  /** The builder's return line, or the helper call that filled in parameters. */
  via?: { file: string; line: number };
  /** The part of the message that says what to do; null when it says nothing (never invented). */
  fix: string | null;
  /** No fix of its own, but it prints a `<problem>` or `<reason>` detail that carries one. */
  delegated: boolean;
  /** Section of the page. */
  area: string;
  /** Subsection: the format family of a reader module, for the "File formats" area. */
  group?: string;
}

/** Entries of one text and place merged: `line` is the first of `lines`. */
export interface MergedEntry extends Entry {
  lines: number[];
}

/** Parsed sources plus the indexes following needs (functions, error classes, reader modules). */
export interface Project {
  readonly sources: readonly SourceFile[];
}

export function indexProject(files: ReadonlyArray<{ path: string; text: string }>): Project;
/** The message texts a site argument stands for. `node` must come from a SourceFile parsed with parent pointers. */
export function renderMessage(node: Expression, project?: Project): string[];
export function catalog(sourceText: string, fileName: string, project?: Project): Entry[];
export function extractFix(message: string): string | null;
export function sortEntries(entries: readonly Entry[]): Entry[];
export function mergeSites(entries: readonly Entry[]): MergedEntry[];
export function codeCell(message: string): string;
export function textCell(text: string): string;
export function renderDoc(entries: readonly Entry[]): string;
export function withoutFix(entries: readonly Entry[]): MergedEntry[];
export function catalogRepository(root: string): Entry[];
