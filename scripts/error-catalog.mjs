// Generates docs/troubleshooting.md: every error, warning and notice the action can print, found in
// src/**/*.ts with the TypeScript compiler API, each with the fix its own text carries.
//   node scripts/error-catalog.mjs          rewrite the page; list messages without a fix on stderr (exit 0)
//   node scripts/error-catalog.mjs --check  exit 1 when the page differs from what would be written (CI)
//
// Where a message is found (a "site"):
//   error    `new InputError(m)`, `new C(m)` for every class in src that extends Error (and `super(m)` in
//            its constructor), `new Error|RangeError|TypeError(m)`, and `out.push(m)`/`problems.push(m)`
//            inside a function named `…Problems` (validation rules whose list becomes one InputError).
//            RangeError/TypeError, and messages that say "internal" or "bug", are invariant checks: listed
//            apart, never in the "without a fix" list.
//   warning  `core.warning(m)`, `<x>.warn(m)` (ObservationSink), `<x>.warnings.push(m)`, the elements of
//            an array literal held by `warnings`, and an object property `warning: m`.
//   notice / annotation / failure: `core.notice(m)`, `core.error(m)` (breach annotations), `core.setFailed(m)`.
//   detail   a part another message prints inside itself: object properties `problem: m` (config checks)
//            and `reason: m` (missing baseline, insufficient data, skipped comment), zod messages
//            (`ctx.addIssue({message: m})`, `z.….min(n, m)`).
// Following: when the whole message is a call to a function declared in src (`failureMessage(report)`),
// each string it returns is a message; a call to a non-message function (`redact(m, token)`) is looked
// through to its string argument. A call in a placeholder to a function named `…Failure|Issue|Message|
// Reason|Problem` (`${describeFailure(step, e)}`) is expanded: one row per string it returns. A message
// that uses a parameter of a named helper (`required(name, what)`) gets one row per call of that helper
// in the same file, with its literal arguments filled in. A top-level `c ? a : b` gives two rows.
// Errors thrown in the PR comment code are details: publishComment catches them all and prints each
// inside its "PR comment not posted" warning; the comment never ends the run.
// A whole message `list.map((x) => `…`).join(sep)` is read as one item's template.
// A wrapper only adds a place or a prefix to a message found elsewhere, and is skipped: no words outside
// placeholders (`${where}: ${messageOf(err)}`), or at most three before a foreign error's text
// (`tailgate failed: ${message}`).
//
// Placeholders (how `${expr}` is shown): strings, string constants and nested templates are inlined;
// otherwise `<name>`, kebab-cased, from the expression: an identifier as is (`${lineNo}` → `<line-no>`);
// a property by its last name, or its owner's when that name is generic (`file.name` → `<file>`,
// `this.options.filter` → `<filter>`); `x.length`/`x.size` → `<x-count>`; a formatting call by what it
// formats (`list.join(', ')`, `String(e)`, `JSON.stringify(v)` → `<list>`, `<e>`, `<v>`); another call by
// its function name without describe/format/show/get/to prefixes and an `Of` suffix (`describeCounts(x)`
// → `<counts>`, `kindOf(v)` → `<kind>`), or by a field name it is given (`fieldOf(e, 'message')` →
// `<message>`); arithmetic → `<n>`; `a ?? b` → a's name. A conditional inside a message shows as
// `{one|other}` (texts), `<a|b>` (two values), or `[text]` when the other branch is empty.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const BUILTIN_ERRORS = new Set(['Error', 'RangeError', 'TypeError', 'SyntaxError']);
const CORE_KINDS = { warning: 'warning', notice: 'notice', error: 'annotation', setFailed: 'failure' };
const BUILDER = /(Failure|Issue|Message|Reason|Problem)$/;
const ZOD_CHECKS = new Set(
  'min max length nonempty regex refine int gt gte lt lte positive nonnegative startsWith endsWith includes'.split(' '),
);
const FORMAT_METHODS = new Set(
  (
    'join map filter flatMap slice sort concat keys values entries list ' +
    'toFixed toPrecision toString toLocaleString trim toLowerCase toUpperCase replace replaceAll padStart padEnd'
  ).split(' '),
);
const FORMAT_FUNCTIONS = new Set(['String', 'Number', 'JSON.stringify', 'Array.from', 'Object.keys', 'Object.values', 'Object.entries']);
const GENERIC_NAMES = new Set(['name', 'path', 'message', 'value', 'text']);
const INTERNAL = /^internal\b|\bbug\b/i;
const MAX_VARIANTS = 40;

// ---------------------------------------------------------------------------------------------
// Project index: functions, error classes and reader modules, shared by every file's traversal.

/** Parses `files` ({path, text}, paths relative to the repository root) and indexes what following needs. */
export function indexProject(files) {
  return indexSources(files.map((f) => ts.createSourceFile(f.path, f.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)));
}

function indexSources(sources) {
  const functions = new Map();
  const parents = new Map();
  const readers = new Set();
  for (const sf of sources) {
    const visit = (node) => {
      const fn = namedFunction(node);
      if (fn) push(functions, fn.name, { sf, node: fn.node });
      if (ts.isClassDeclaration(node) && node.name) {
        const base = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
        if (base && ts.isIdentifier(base)) parents.set(node.name.text, base.text);
      }
      if (isReaderDeclaration(node)) readers.add(sf.fileName);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  const errorClasses = new Set(['InputError']);
  for (const name of parents.keys()) {
    for (let c = name, depth = 0; c !== undefined && depth < 10; c = parents.get(c), depth++) {
      if (c === 'Error') errorClasses.add(name);
    }
  }
  return { sources, functions, errorClasses, readers };
}

function push(map, key, value) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** `function f() {}` or `const f = () => …`: the name and the function-like node. */
function namedFunction(node) {
  if (ts.isFunctionDeclaration(node) && node.name) return { name: node.name.text, node };
  if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
    const init = skipOuter(node.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return { name: node.name.text, node: init };
  }
  return undefined;
}

/** A format reader module declares a value, or a function result, of type FormatReader. */
function isReaderDeclaration(node) {
  const isReaderType = (t) =>
    t !== undefined && ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && t.typeName.text === 'FormatReader';
  return (ts.isVariableDeclaration(node) || ts.isFunctionDeclaration(node)) && isReaderType(node.type);
}

/** The function called `name`: the one in `sf` if any, else the only one in the project. */
function findFunction(project, name, sf) {
  const all = project.functions.get(name) ?? [];
  const local = all.filter((f) => f.sf === sf);
  if (local.length === 1) return local[0];
  return local.length === 0 && all.length === 1 ? all[0] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Rendering a message expression as text with placeholders.

function skipOuter(node) {
  let n = node;
  while (
    ts.isParenthesizedExpression(n) ||
    ts.isAsExpression(n) ||
    ts.isNonNullExpression(n) ||
    ts.isSatisfiesExpression(n) ||
    ts.isAwaitExpression(n)
  )
    n = n.expression;
  return n;
}

function isStringish(node) {
  const n = skipOuter(node);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateExpression(n)) return true;
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken) return isStringish(n.left) || isStringish(n.right);
  if (ts.isConditionalExpression(n)) return isStringish(n.whenTrue) || isStringish(n.whenFalse);
  return false;
}

/**
 * Resolves an identifier lexically: a `const` with an initializer in an enclosing block or the file,
 * or a parameter of an enclosing function. Returns undefined for anything else (loop variables, …).
 */
function resolveName(id) {
  const name = id.text;
  for (let scope = id.parent; scope; scope = scope.parent) {
    if (ts.isFunctionLike(scope)) {
      const index = scope.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name);
      if (index !== -1) return { kind: 'param', fn: scope, index };
    }
    const statements = ts.isBlock(scope) || ts.isSourceFile(scope) ? scope.statements : [];
    for (const st of statements) {
      if (!ts.isVariableStatement(st) || !(st.declarationList.flags & ts.NodeFlags.Const)) continue;
      const decl = st.declarationList.declarations.find((d) => ts.isIdentifier(d.name) && d.name.text === name);
      if (decl?.initializer) return { kind: 'const', init: decl.initializer };
    }
  }
  return undefined;
}

/** Rendering state: the project, the file, parameter bindings from a call site, and what was used. */
function context(project, sf, bindings = new Map()) {
  return { project, sf, bindings, usedParams: new Set(), stack: new Set() };
}

function lineOf(sf, node) {
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

const text = (t, via) => [{ text: t, via }];

/** Concatenates alternatives pairwise, keeping the first `via`; capped so a message cannot explode. */
function join2(a, b) {
  const out = [];
  for (const x of a) for (const y of b) if (out.length < MAX_VARIANTS) out.push({ text: x.text + y.text, via: x.via ?? y.via });
  return out;
}

/** Renders an expression that is (or builds) a string: alternatives `{text, via}`; usually one. */
function renderText(node, ctx) {
  const n = skipOuter(node);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return text(n.text);
  if (ts.isTemplateExpression(n)) {
    let acc = text(n.head.text);
    for (const span of n.templateSpans) acc = join2(join2(acc, renderPart(span.expression, ctx)), text(span.literal.text));
    return acc;
  }
  if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return join2(renderPart(n.left, ctx), renderPart(n.right, ctx));
  if (ts.isConditionalExpression(n)) return text(inlineChoice(n, ctx));
  return renderPart(n, ctx);
}

/**
 * `c ? 'runs' : 'run'` → `{runs|run}` (nested choices flatten); `c ? ' (x)' : ''` → `[ (x)]`; a branch
 * that is `undefined` or `null` prints nothing a message could show, so only the other branch counts.
 */
function inlineChoice(n, ctx) {
  const nothing = (e) => e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === 'undefined');
  const side = (e) => (isStringish(e) ? renderText(e, ctx)[0].text : `<${placeholderName(e, ctx)}>`);
  const [t, f] = [skipOuter(n.whenTrue), skipOuter(n.whenFalse)];
  if (nothing(t) || nothing(f)) return side(nothing(t) ? f : t);
  const [a, b] = [side(t), side(f)];
  if (a === b) return a;
  if (a === '' || b === '') return `[${a || b}]`;
  const bare = (x) => (/^\{[^{}]*\}$/.test(x) ? x.slice(1, -1) : x);
  return `{${bare(a)}|${bare(b)}}`;
}

/** One `${expr}` (or a `+` operand): inlined when it is a string, else a `<placeholder>`. */
function renderPart(node, ctx) {
  const n = skipOuter(node);
  if (isStringish(n)) return renderText(n, ctx);
  if (ts.isNumericLiteral(n)) return text(n.text);
  if (ts.isIdentifier(n)) {
    const bound = resolveIdentifier(n, ctx);
    if (bound) return bound;
  }
  const builder = builderCall(n, ctx);
  if (builder) {
    const returned = returnsOf(builder, ctx);
    if (returned.length > 0) return returned;
  }
  return text(`<${placeholderName(n, ctx)}>`);
}

/** A const with a string initializer is inlined; a parameter bound by a call site takes its argument. */
function resolveIdentifier(id, ctx) {
  const r = resolveName(id);
  if (r?.kind === 'const' && isStringish(r.init) && !ctx.stack.has(r.init)) {
    ctx.stack.add(r.init);
    try {
      return renderText(r.init, ctx);
    } finally {
      ctx.stack.delete(r.init);
    }
  }
  if (r?.kind === 'param') {
    const arg = ctx.bindings.get(r.fn)?.[r.index];
    if (arg !== undefined) return renderText(arg, { ...ctx, bindings: new Map() });
    ctx.usedParams.add(r.fn);
  }
  return undefined;
}

/** The message-builder function a placeholder calls, searched anywhere in the placeholder's expression. */
function builderCall(node, ctx) {
  let found;
  const visit = (n) => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && BUILDER.test(n.expression.text)) {
      found = findFunction(ctx.project, n.expression.text, ctx.sf);
    }
    if (!found) ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/** Every string a function returns, rendered in its own file, each with `via` = the return's line. */
function returnsOf(fn, ctx) {
  if (ctx.stack.has(fn.node)) return [];
  ctx.stack.add(fn.node);
  try {
    const inner = { ...context(ctx.project, fn.sf), stack: ctx.stack };
    const out = [];
    for (const expr of returnExpressions(fn.node)) {
      const via = { file: fn.sf.fileName, line: lineOf(fn.sf, expr) };
      for (const v of variants(expr, inner)) if (hasWords(v.text)) out.push({ text: v.text, via: v.via ?? via });
    }
    return out;
  } finally {
    ctx.stack.delete(fn.node);
  }
}

function returnExpressions(fn) {
  if (fn.body && !ts.isBlock(fn.body)) return [fn.body];
  const out = [];
  const visit = (n) => {
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    if (!ts.isFunctionLike(n)) ts.forEachChild(n, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  return out;
}

/**
 * The messages one site argument stands for: a top-level conditional gives both branches; a call to a
 * function in src gives what it returns (or, for a wrapper such as `redact(m, token)`, its string argument).
 */
function variants(node, ctx) {
  const n = skipOuter(node);
  if (ts.isConditionalExpression(n)) return [...variants(n.whenTrue, ctx), ...variants(n.whenFalse, ctx)];
  const item = mappedItem(n);
  if (item) return variants(item, ctx);
  if (ts.isCallExpression(n) && ts.isIdentifier(n.expression)) {
    const fn = findFunction(ctx.project, n.expression.text, ctx.sf);
    const returned = fn ? returnsOf(fn, ctx) : [];
    if (returned.length > 0) return returned;
    const arg = n.arguments.find(isStringish);
    if (arg) return renderText(arg, ctx);
  }
  return renderText(n, ctx);
}

/** `list.map((x) => \`…\`).join('\\n')` as a whole message: one message per item, rendered from the template. */
function mappedItem(n) {
  if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || n.expression.name.text !== 'join') return undefined;
  const map = skipOuter(n.expression.expression);
  if (!ts.isCallExpression(map) || !ts.isPropertyAccessExpression(map.expression) || map.expression.name.text !== 'map') return undefined;
  const fn = map.arguments[0];
  return fn && ts.isArrowFunction(fn) && !ts.isBlock(fn.body) && isStringish(fn.body) ? fn.body : undefined;
}

/** How a non-string `${expr}` is named: see the header comment for the rule. */
function placeholderName(node, ctx) {
  const n = skipOuter(node);
  if (ts.isIdentifier(n)) return kebab(n.text);
  if (n.kind === ts.SyntaxKind.ThisKeyword) return 'this';
  if (ts.isPropertyAccessExpression(n)) {
    const last = n.name.text;
    const owner = skipOuter(n.expression);
    const ownerName = owner.kind === ts.SyntaxKind.ThisKeyword ? undefined : placeholderName(owner, ctx);
    if ((last === 'length' || last === 'size') && ownerName) return `${ownerName}-count`;
    if (GENERIC_NAMES.has(last) && ownerName) return ownerName;
    return kebab(last);
  }
  if (ts.isElementAccessExpression(n)) return placeholderName(n.expression, ctx);
  if (ts.isCallExpression(n)) return callName(n, ctx);
  if (ts.isArrayLiteralExpression(n)) {
    const first = n.elements[0];
    return first ? placeholderName(ts.isSpreadElement(first) ? first.expression : first, ctx) : 'list';
  }
  if (ts.isBinaryExpression(n)) {
    const op = n.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) return placeholderName(n.left, ctx);
    return 'n';
  }
  if (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) return 'n';
  if (ts.isTypeOfExpression(n)) return `${placeholderName(n.expression, ctx)}-type`;
  if (ts.isConditionalExpression(n)) {
    const [a, b] = [placeholderName(n.whenTrue, ctx), placeholderName(n.whenFalse, ctx)];
    return a === b ? a : `${a}|${b}`;
  }
  if (ts.isNewExpression(n)) return kebab(n.expression.getText(ctx.sf));
  return 'value';
}

function callName(call, ctx) {
  const callee = skipOuter(call.expression);
  const calleeText = callee.getText(ctx.sf);
  const firstArg = call.arguments[0];
  if (FORMAT_FUNCTIONS.has(calleeText)) return firstArg ? placeholderName(firstArg, ctx) : 'value';
  if (ts.isPropertyAccessExpression(callee) && FORMAT_METHODS.has(callee.name.text)) return placeholderName(callee.expression, ctx);
  const field = call.arguments.find((a) => ts.isStringLiteral(a) && /^[A-Za-z_]\w*$/.test(a.text));
  if (field) return kebab(field.text);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : '';
  const core = name.replace(/^(describe|format|show|get|to|render|make)(?=[A-Z]|$)/, '').replace(/Of$/, '');
  if (core !== '') return kebab(core);
  return firstArg ? placeholderName(firstArg, ctx) : 'value';
}

/** `lineNo` → `line-no`, `MAX_FILES` → `max-files`. */
function kebab(name) {
  if (/^[A-Z0-9_]+$/.test(name)) return name.toLowerCase().replace(/_/g, '-');
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/_/g, '-')
    .toLowerCase();
}

/** The words of a rendered message outside its placeholders. */
function ownWords(message) {
  let s = message;
  for (let prev = ''; prev !== s;) [prev, s] = [s, s.replace(/<[^<>]*>/g, ' ')];
  return s.match(/[A-Za-z]{2,}/g) ?? [];
}

/** True when a rendered message has words of its own, outside placeholders. */
function hasWords(message) {
  return ownWords(message).length > 0;
}

/**
 * A wrapper adds a location or a prefix to a message found elsewhere: no words of its own
 * (`<file>:<line-no>: <message>`), or at most three before a foreign error's text (`tailgate failed: <message>`).
 */
function isWrapper(message) {
  return !hasWords(message) || (ownWords(message).length <= 3 && /: <(message|err|error|cause)>$/.test(message));
}

/**
 * Renders one message expression: one text per variant (see {@link variants}), with constants,
 * builders and placeholders applied. Without `project`, the node's own file is the whole project.
 */
export function renderMessage(node, project) {
  const sf = node.getSourceFile();
  return variants(node, context(project ?? indexSources([sf]), sf)).map((v) => v.text);
}

// ---------------------------------------------------------------------------------------------
// Finding the sites of one file.

/** The kind of message a node is a site of, and the expressions holding the message, or undefined. */
function siteOf(node, project) {
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.arguments?.[0]) {
    const cls = node.expression.text;
    if (project.errorClasses.has(cls)) return { kind: 'error', exprs: [node.arguments[0]] };
    if (BUILTIN_ERRORS.has(cls)) return { kind: 'error', exprs: [node.arguments[0]], internal: cls !== 'Error' };
  }
  if (ts.isCallExpression(node)) {
    const callee = skipOuter(node.expression);
    const arg = node.arguments[0];
    if (callee.kind === ts.SyntaxKind.SuperKeyword && arg) {
      const cls = enclosing(node, ts.isClassDeclaration);
      if (cls?.name && project.errorClasses.has(cls.name.text)) return { kind: 'error', exprs: [arg] };
    }
    const core = coreKind(callee);
    if (core && arg) return { kind: core, exprs: [arg] };
    if (ts.isPropertyAccessExpression(callee) && arg) {
      const method = callee.name.text;
      const receiver = callee.expression.getText();
      if (method === 'warn' && receiver !== 'console') return { kind: 'warning', exprs: [arg] };
      const strings = node.arguments.filter((a) => !ts.isSpreadElement(a));
      if (method === 'push' && /(^|\.)warnings$/.test(receiver)) return { kind: 'warning', exprs: strings };
      if (method === 'push' && /^(out|problems)$/.test(receiver) && /Problems$/.test(enclosingName(node)))
        return { kind: 'error', exprs: strings };
      if (ZOD_CHECKS.has(method) && /^z\./.test(receiver)) {
        const message = node.arguments.find(isStringish);
        if (message) return { kind: 'detail', exprs: [message] };
      }
      if (method === 'addIssue' && ts.isObjectLiteralExpression(arg)) {
        const message = propertyValue(arg, 'message');
        if (message) return { kind: 'detail', exprs: [message] };
      }
    }
  }
  if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && ts.isObjectLiteralExpression(node.parent)) {
    const name = node.name.text;
    if (name === 'warning') return { kind: 'warning', exprs: [node.initializer] };
    if (name === 'problem' || name === 'reason') return { kind: 'detail', exprs: [node.initializer] };
    if (name === 'warnings') return { kind: 'warning', exprs: arrayElements(node.initializer) };
  }
  // `{ kind: 'skip', reason }` inside `noPr(reason)`: the parameter, filled in from the helper's calls.
  if (ts.isShorthandPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
    const name = node.name.text;
    if (name === 'warning') return { kind: 'warning', exprs: [node.name] };
    if (name === 'problem' || name === 'reason') return { kind: 'detail', exprs: [node.name] };
  }
  if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'warnings' && node.initializer) {
    return { kind: 'warning', exprs: arrayElements(node.initializer) };
  }
  return undefined;
}

function coreKind(callee) {
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'core') {
    return CORE_KINDS[callee.name.text];
  }
  if (ts.isConditionalExpression(callee)) {
    const kinds = [callee.whenTrue, callee.whenFalse].map((b) => coreKind(skipOuter(b))).filter(Boolean);
    return ['annotation', 'warning', 'notice', 'failure'].find((k) => kinds.includes(k));
  }
  return undefined;
}

function propertyValue(obj, name) {
  const prop = obj.properties.find((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name);
  return prop?.initializer;
}

/** String elements of an array literal, looking through `c ? [...] : []`. */
function arrayElements(node) {
  const n = skipOuter(node);
  if (ts.isConditionalExpression(n)) return [...arrayElements(n.whenTrue), ...arrayElements(n.whenFalse)];
  return ts.isArrayLiteralExpression(n) ? n.elements.filter((e) => !ts.isSpreadElement(e) && isStringish(e)) : [];
}

function enclosing(node, test) {
  for (let n = node.parent; n; n = n.parent) if (test(n)) return n;
  return undefined;
}

function enclosingName(node) {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) && n.name) return n.name.text;
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name))
      return n.parent.name.text;
  }
  return '';
}

/** Calls of a named helper in its own file, for filling in its parameters. */
function callsOf(fn, sf) {
  const decl = ts.isFunctionDeclaration(fn) ? fn : fn.parent;
  const name = decl?.name && ts.isIdentifier(decl.name) ? decl.name.text : undefined;
  if (name === undefined) return [];
  const calls = [];
  const visit = (n) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) calls.push(n);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return calls;
}

/** An argument worth filling in: a string, a number, or a constant holding a string. */
function isLiteralArgument(node) {
  const n = skipOuter(node);
  if (isStringish(n) || ts.isNumericLiteral(n)) return true;
  const r = ts.isIdentifier(n) ? resolveName(n) : undefined;
  return r?.kind === 'const' && isStringish(r.init);
}

/** Rows for one site expression: its variants, and one per call of a helper whose parameters it uses. */
function siteMessages(expr, project, sf) {
  const base = context(project, sf);
  const plain = variants(expr, base);
  const [fn] = [...base.usedParams];
  if (base.usedParams.size !== 1 || !fn) return plain;
  // A call that passes no literal leaves the text as it was: that row is the plain one, without a `via`.
  const unchanged = new Map(plain.map((v) => [v.text, v]));
  const out = new Map();
  for (const call of callsOf(fn, sf)) {
    const bound = context(project, sf, new Map([[fn, call.arguments.map((a) => (isLiteralArgument(a) ? a : undefined))]]));
    for (const v of variants(expr, bound)) {
      if (!out.has(v.text))
        out.set(v.text, unchanged.get(v.text) ?? { text: v.text, via: v.via ?? { file: sf.fileName, line: lineOf(sf, call) } });
    }
  }
  return out.size > 0 ? [...out.values()] : plain;
}

/**
 * Every message site of one file: `{kind, internal, message, file, line, via?, fix, delegated, area, group}`.
 * `project` (from {@link indexProject}) lets following reach other files; without it the file stands alone.
 */
export function catalog(sourceText, fileName, project) {
  const p = project ?? indexProject([{ path: fileName, text: sourceText }]);
  const sf = p.sources.find((s) => s.fileName === fileName);
  if (sf === undefined) throw new Error(`catalog: ${fileName} is not in the project it was given`);
  const { area, group } = areaOf(fileName, p);
  const entries = [];
  const visit = (node) => {
    const site = siteOf(node, p);
    for (const expr of site?.exprs ?? []) {
      for (const v of siteMessages(expr, p, sf)) {
        if (isWrapper(v.text)) continue;
        // The PR comment step catches everything src/github throws and prints it inside its warning.
        const kind = site.kind === 'error' && area === 'PR comment' ? 'detail' : site.kind;
        const internal = kind === 'error' && (site.internal === true || INTERNAL.test(v.text));
        const fix = internal ? null : extractFix(v.text);
        const delegated = fix === null && /<(problem|reason)>/.test(v.text);
        entries.push({ kind, internal, message: v.text, file: fileName, line: lineOf(sf, node), via: v.via, fix, delegated, area, group });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return entries;
}

// ---------------------------------------------------------------------------------------------
// The fix a message carries.

const FIX_VERBS = (
  'add check choose consider convert delete download drop edit enable exclude fix generate give grant include increase install ' +
  'keep leave list look lower make move narrow pass point provide put quote raise re-download re-run re-save re-zip regenerate ' +
  'remove rename replace rerun retry say score see select set specify split treat try update upgrade upload use verify wait write'
).split(' ');
// Verbs that are as often nouns or narration ("run 12 has no artifact"): they count only after a `;`,
// a full stop or a dash, where a message turns from the problem to the fix. "read" is left out: after a
// `;` it narrates as often as it instructs ("several filters; read 'x', excluded y").
const WEAK_VERBS = ['run', 'sample'];
const LEAD = '^(?:(?:or|and|then|so|please|instead|otherwise),?\\s+|with\\s+\\S+\\s+)*';
const verbs = (list) => new RegExp(`${LEAD}(?:${list.join('|')})(?=[\\s\`'"(]|$)`, 'i');
const FIX_START = verbs(FIX_VERBS);
const WEAK_START = verbs([...FIX_VERBS, ...WEAK_VERBS]);
// Clause starts: the message start, after `; `, `: `, a sentence end (not "e.g."), a dash, `(`, a comma
// or a newline. A rule is read from a clause that does not start inside parentheses or after a comma.
const CLAUSE = /;\s+|:\s+|(?<!\b(?:e\.g|i\.e|etc|vs))\.\s+|\s+[—–]\s+|\s\(|,\s+|\n/g;
const INNER = /^(\s\(|,)/;
const TURN = /^(;|\.|\s+[—–])/;
// A rule the value must meet also says what to do ("tail-size (<n>) must be a whole number from 3 to 100000").
const RULE = /\b(must|needs?|expected|should|requires?|allowed)\b/;

/**
 * The part of a message that says what to do, never invented: the first clause that starts with an
 * imperative verb (check, set, give, use, …) through the end of the message; else the clause that
 * states the rule a value must meet ("must be …", "expected …"), up to ", got …" or ", but …";
 * else null.
 */
export function extractFix(message) {
  const clauses = [
    { start: 0, turn: false, inner: false },
    ...[...message.matchAll(CLAUSE)].map((m) => ({ start: m.index + m[0].length, turn: TURN.test(m[0]), inner: INNER.test(m[0]) })),
  ];
  for (const { start, turn } of clauses) {
    if (!(turn ? WEAK_START : FIX_START).test(message.slice(start))) continue;
    return closeAtUnbalanced(message.slice(start)).trim().replace(/\.$/, '');
  }
  const rule = RULE.exec(message);
  if (rule === null) return null;
  const start = clauses.filter((c) => c.start <= rule.index && !c.inner).pop().start;
  const end = /, got |, but |;\s/.exec(message.slice(rule.index));
  return closeAtUnbalanced(message.slice(start, end === null ? undefined : rule.index + end.index))
    .trim()
    .replace(/\.$/, '');
}

/** Cuts a clause that began inside parentheses or brackets where they close: `set x)] rest` → `set x`. */
function closeAtUnbalanced(clause) {
  const depth = { ')': 0, ']': 0, '}': 0 };
  const opener = { '(': ')', '[': ']', '{': '}' };
  for (let i = 0; i < clause.length; i++) {
    const c = clause[i];
    if (c in opener) depth[opener[c]]++;
    else if (c in depth && depth[c]-- === 0) return clause.slice(0, i);
  }
  return clause;
}

// ---------------------------------------------------------------------------------------------
// Areas and the Markdown page.

const AREAS = [
  'Inputs and policy',
  'File formats',
  'Artifacts',
  'Baseline',
  'Forecast and verdict',
  'Red-team',
  'PR comment',
  'CLI',
  'Other',
];
const ALL_FORMATS = 'All formats (finding, detecting and reading files)';

function areaOf(file, project) {
  const path = file.split(sep).join('/');
  const base = path.split('/').pop().replace(/\.ts$/, '');
  if (/red-?team|source-choice|queries-bought/.test(path)) return { area: 'Red-team' };
  if (/baseline/.test(path)) return { area: 'Baseline' };
  if (/^src\/(config\/|sources\/(groups|policy-file)\.ts$)/.test(path)) return { area: 'Inputs and policy' };
  if (/^src\/sources\/(globs|inside|open-inside|file-source)\.ts$/.test(path)) return { area: 'File formats', group: ALL_FORMATS };
  if (path.startsWith('src/ingest/')) {
    const family = (p) => p.split('/').pop().replace(/\.ts$/, '').split('-')[0];
    const readerFamilies = new Set([...project.readers].map(family));
    return { area: 'File formats', group: readerFamilies.has(family(path)) ? family(path) : ALL_FORMATS };
  }
  if (path.startsWith('src/github/artifacts/') || base === 'sources' || base === 'artifact-files') return { area: 'Artifacts' };
  if (path.startsWith('src/github/') || path === 'src/action/comment.ts') return { area: 'PR comment' };
  if (path.startsWith('src/cli/') || path === 'src/cli.ts') return { area: 'CLI' };
  if (/^src\/(forecast|gate|report|action)\//.test(path) || /^src\/(main|pipeline|forecast-options)\.ts$/.test(path))
    return { area: 'Forecast and verdict' };
  return { area: 'Other' };
}

/** Sorted by area, group, file, line, then text: the page never depends on traversal order. */
export function sortEntries(entries) {
  const key = (e) => [
    AREAS.indexOf(e.area),
    e.group === ALL_FORMATS ? '' : (e.group ?? ''),
    e.file,
    e.line,
    e.message,
    e.via?.file ?? '',
    e.via?.line ?? 0,
  ];
  const unique = new Map(entries.map((e) => [JSON.stringify(key(e)), e]));
  return [...unique.values()].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
}

/** A message as a Markdown code span inside a table cell: a fence longer than any backtick run, `|` escaped. */
export function codeCell(message) {
  const flat = message.replace(/\r?\n/g, ' ⏎ ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** Text for a table cell: the message's own code spans kept, everything else Markdown-escaped. */
export function textCell(text) {
  const flat = text.replace(/\r?\n/g, ' ');
  const parts = flat.split(/(`[^`]+`)/);
  return parts
    .map((part, i) => (i % 2 === 1 ? part.replace(/\|/g, '\\|') : part.replace(/&/g, '&amp;').replace(/[\\`*_[\]<>|#~]/g, '\\$&')))
    .join('');
}

/**
 * One row per message text and place: the same text thrown at several lines of one file (with the same
 * `via`) is one row listing those lines. Keeps the sorted order (by the first line).
 */
export function mergeSites(entries) {
  const rows = new Map();
  for (const e of sortEntries(entries)) {
    const key = JSON.stringify([e.area, e.group, e.kind, e.internal, e.message, e.file, e.via?.file, e.via?.line]);
    const row = rows.get(key);
    if (row) row.lines.push(e.line);
    else rows.set(key, { ...e, lines: [e.line] });
  }
  return [...rows.values()];
}

function whereCell(e) {
  const here = e.lines.map((line, i) => `[${i === 0 ? `${e.file}:` : ''}${line}](../${e.file}#L${line})`).join(', ');
  const elsewhere = e.via && (e.via.file !== e.file || !e.lines.includes(e.via.line));
  return elsewhere ? `${here} via [${e.via.file}:${e.via.line}](../${e.via.file}#L${e.via.line})` : here;
}

function todoCell(e) {
  if (e.internal) return '—';
  if (e.fix !== null) return textCell(e.fix);
  if (e.delegated) return `given by the ${textCell(e.message.includes('<problem>') ? '<problem>' : '<reason>')} detail rows`;
  return '**no fix yet**';
}

function table(entries, todo = true) {
  const head = todo ? ['| Message | Where | What to do |', '|---|---|---|'] : ['| Message | Where |', '|---|---|'];
  const rows = entries.map((e) => `| *${e.kind}* ${codeCell(e.message)} | ${whereCell(e)} |${todo ? ` ${todoCell(e)} |` : ''}`);
  return [...head, ...rows].join('\n');
}

const INTRO = `# Troubleshooting: every message tailgate prints

<!-- Generated by \`node scripts/error-catalog.mjs\` from src/**/*.ts; do not edit by hand. CI runs it with --check. -->

Each table lists the messages one part of tailgate can print, where the text lives in the source, and
what to do, taken from the message itself. Find your message by its fixed words: the parts in
\`<angle brackets>\` are filled in at run time.

**What a message means for the verdict**

- *error*: the run stops. The \`verdict\` output is \`error\` and the step exits 1. A bad input
  (\`InputError\`) is printed as it is; any other error is printed after \`tailgate failed: \`.
- *failure*: the step's failure line when the verdict itself fails the step (\`fail\` in \`enforce\`
  mode, or \`insufficient\` with \`on-insufficient-data: fail\`).
- *annotation*: an error annotation on a breached fail threshold; it reports the verdict, it does not change it.
- *warning* and *notice*: shown in the log or as annotations, and in the report (per-behaviour warnings
  only in the report). They never change the verdict.
- *detail*: a part that another message in the same section prints inside itself (as its
  \`<problem>\` or \`<reason>\`); the detail is where that message's fix is written.

**Reading the placeholders**: \`<file>\`, \`<line-no>\`, \`<n>\` … are values (a property shows as its
owner, \`file.name\` → \`<file>\`; a list as its name; \`<x-count>\` is a count; \`<a|b>\` is one of two
values). \`{one|other}\` is one of several texts, \`[text]\` appears only sometimes, and ⏎ is a line break. "via" names the other line the
text comes from: the function that writes the second half of the message, or the call that fills in its
parameters.`;

/** The whole page for a set of catalogued entries. */
export function renderDoc(entries) {
  const sorted = mergeSites(entries);
  const out = [INTRO];
  for (const area of AREAS) {
    const inArea = sorted.filter((e) => e.area === area && !e.internal);
    if (inArea.length === 0) continue;
    out.push(`## ${area}`);
    const groups = [...new Set(inArea.map((e) => e.group))];
    for (const group of groups) {
      const rows = inArea.filter((e) => e.group === group);
      if (group !== undefined) {
        const files = [...new Set(rows.map((e) => e.file.split('/').pop()))].join(', ');
        out.push(group === ALL_FORMATS ? `### ${group}` : `### ${group} (${files})`);
      }
      out.push(table(rows));
    }
  }
  const internal = sorted.filter((e) => e.internal);
  if (internal.length > 0) {
    out.push(
      '## Internal checks',
      "These guard tailgate's own invariants and should never fire. If one does, it is a tailgate bug: please report it with the message.",
    );
    out.push(table(internal, false));
  }
  const missing = sorted.filter(lacksFix);
  out.push('## Messages without a fix (to improve)');
  out.push(
    missing.length === 0
      ? 'None: every message says what to do.'
      : `These ${missing.length} messages say what went wrong but not what to do. They are listed above as well.\n\n${table(missing, false)}`,
  );
  return `${out.join('\n\n')}\n`;
}

const lacksFix = (e) => e.fix === null && !e.internal && !e.delegated;

/** Merged rows that carry no fix of their own (internal checks and delegated ones excepted). */
export function withoutFix(entries) {
  return mergeSites(entries).filter(lacksFix);
}

// ---------------------------------------------------------------------------------------------
// Command line.

function sourceFiles(root) {
  const src = join(root, 'src');
  return readdirSync(src, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => relative(root, join(src, f)).split(sep).join('/'))
    .sort()
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

/** Catalogues every file under `root`/src. */
export function catalogRepository(root) {
  const files = sourceFiles(root);
  const project = indexProject(files);
  return files.flatMap((f) => catalog(f.text, f.path, project));
}

function main() {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const target = join(root, 'docs', 'troubleshooting.md');
  const entries = catalogRepository(root);
  const page = renderDoc(entries);
  if (process.argv.includes('--check')) {
    const current = existsSync(target) ? readFileSync(target, 'utf8') : null;
    if (current === page) return;
    if (current === null) {
      console.error('docs/troubleshooting.md is missing: run node scripts/error-catalog.mjs');
    } else {
      const [a, b] = [current.split('\n'), page.split('\n')];
      const i = a.findIndex((line, k) => line !== b[k]);
      const at = i === -1 ? a.length : i;
      console.error(`docs/troubleshooting.md is stale (first difference at line ${at + 1}); run node scripts/error-catalog.mjs`);
      console.error(`  on disk:  ${a[at] ?? '(end of file)'}\n  expected: ${b[at] ?? '(end of file)'}`);
    }
    process.exitCode = 1;
    return;
  }
  writeFileSync(target, page);
  const missing = withoutFix(entries);
  for (const e of missing) console.error(`${e.file}:${e.lines.join(',')}: ${e.message}`);
  console.error(`docs/troubleshooting.md: ${mergeSites(entries).length} messages, ${missing.length} without a fix (listed above).`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
