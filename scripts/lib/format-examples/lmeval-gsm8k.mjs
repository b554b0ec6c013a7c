/**
 * examples/lm-eval/samples_gsm8k_<date>.jsonl: what `lm_eval --tasks gsm8k
 * --log_samples` writes for a generate_until task with gsm8k's two filters
 * (lm_eval/tasks/gsm8k/gsm8k.yaml: `strict-match` takes the number after
 * "#### ", `flexible-extract` the last number in the answer). lm-eval's
 * evaluator loops over the filters outside the docs, so the file holds every
 * doc under strict-match, then every doc again under flexible-extract; each
 * row carries the task's per-sample metric `exact_match` (1.0 or 0.0),
 * scored on that filter's answer, and `metrics: ["exact_match"]`.
 *
 * The same greedy generation gets different verdicts: the model rarely writes
 * the "#### " marker, so strict-match marks most answers wrong while
 * flexible-extract finds the right number (the pattern real gsm8k files show:
 * 1/10 against 8/10 on the same generations). Questions are simple sums
 * written for this example, not the dataset.
 */
import { createHash } from 'node:crypto';
import { PyFloat, pyDumps } from './util.mjs';

const NAMES = ['Sam', 'Ana', 'Li', 'Omar', 'Kate'];
const THINGS = ['apples', 'stamps', 'marbles', 'books'];
const UNTIL = ['Question:', '</s>', '<|im_end|>'];

const sha = (text) => createHash('sha256').update(text).digest('hex');

/** `docs` questions; the answers in `wrong` are off by one, those in `marked` end with "#### N". */
export function gsm8kExample({ docs, wrong, marked }) {
  const rows = { 'strict-match': [], 'flexible-extract': [] };
  for (let d = 0; d < docs; d++) {
    const name = NAMES[d % NAMES.length];
    const thing = THINGS[d % THINGS.length];
    const a = 12 + 7 * d;
    const b = 5 + 3 * (d % 4);
    const answer = a + b;
    const given = wrong.includes(d) ? answer + 1 : answer;
    const doc = {
      question: `${name} has ${a} ${thing} and gets ${b} more. How many ${thing} does ${name} have now?`,
      answer: `${name} has ${a} + ${b} = <<${a}+${b}=${answer}>>${answer} ${thing}.\n#### ${answer}`,
    };
    const generation = marked.includes(d)
      ? ` ${name} has ${a} + ${b} = ${given} ${thing}.\n#### ${given}`
      : ` ${name} starts with ${a} ${thing} and gets ${b} more, so ${name} has ${given} ${thing}.`;
    const context = `Question: ${doc.question}\nAnswer:`;
    const extracted = {
      'strict-match': marked.includes(d) ? String(given) : '[invalid]',
      'flexible-extract': String(given),
    };
    for (const filter of Object.keys(rows)) {
      const right = extracted[filter] === String(answer);
      rows[filter].push({
        doc_id: d,
        doc,
        target: doc.answer,
        arguments: { gen_args_0: { arg_0: context, arg_1: { until: UNTIL, do_sample: false, temperature: new PyFloat(0) } } },
        resps: [[generation]],
        filtered_resps: [extracted[filter]],
        filter,
        metrics: ['exact_match'],
        doc_hash: sha(JSON.stringify(doc, null, 2)),
        prompt_hash: sha(context),
        target_hash: sha(doc.answer),
        exact_match: new PyFloat(right ? 1 : 0),
      });
    }
  }
  const all = [...rows['strict-match'], ...rows['flexible-extract']];
  const wrongPer = (filter) => rows[filter].filter((r) => r.exact_match.value === 0).length;
  return {
    text: all.map((r) => pyDumps(r)).join('\n') + '\n',
    wrong: { 'strict-match': wrongPer('strict-match'), 'flexible-extract': wrongPer('flexible-extract') },
  };
}
