import { checkMappingValue, readMapping, type MappingKey } from '../../src/config/mapping.js';

const only =
  (values: Partial<Record<MappingKey, string>>) =>
  (name: MappingKey): string =>
    values[name] ?? (name === 'use-logprobs' ? 'false' : '');

describe('group-by', () => {
  it('reads each grouping a reader offers', () => {
    for (const v of ['detector', 'probe', 'filter', 'test-idx']) {
      expect(readMapping(only({ 'group-by': ` ${v} ` }))).toEqual({ useLogprobs: false, groupBy: v });
    }
  });

  it('an unknown value names the input and lists the values per format', () => {
    expect(() => readMapping(only({ 'group-by': 'detectors' }))).toThrow(
      'Input `group-by`: got "detectors"; use one of detector, probe, filter, test-idx (garak: detector or probe; lm-eval: filter; promptfoo: test-idx).',
    );
  });

  it('a YAML number in a policy group is refused as a text', () => {
    expect(checkMappingValue('group-by', 1)).toEqual({
      ok: false,
      problem: 'expected a text, got a number; write it in quotes if it looks like a number',
    });
  });
});
