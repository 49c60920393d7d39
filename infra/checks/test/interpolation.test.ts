// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} is Compose/nginx-template syntax here, not a JS template.
import { describe, expect, it } from 'vitest';
import { interpolate, mergeCompose } from '../src/compose.ts';

describe('compose interpolation', () => {
  it('follows the Compose rules for defaults, errors and $$', () => {
    const env = { SET: 'x', EMPTY: '' };
    expect(interpolate('${SET:-d}/${EMPTY:-d}/${EMPTY-d}/${UNSET-d}', env)).toBe('x/d//d');
    expect(interpolate('$SET ${UNSET} $$SET', env)).toBe('x  $SET');
    expect(interpolate('${UNSET:-${SET}}', env)).toBe('x');
    expect(() => interpolate('${UNSET:?set it}', env)).toThrow(/UNSET.*set it/);
  });
});

describe('compose merge', () => {
  it('merges mappings, replaces commands, merges volumes by target and environment by name', () => {
    const merged = mergeCompose(
      {
        s: {
          command: ['a'],
          volumes: ['v:/x', 'w:/y'],
          environment: ['A=1', 'B=2'],
          cap_add: ['X'],
        },
      },
      { s: { command: ['b'], volumes: ['z:/x'], environment: { B: '3' }, cap_add: ['X', 'Y'] } },
    );
    expect(merged).toEqual({
      s: {
        command: ['b'],
        volumes: ['z:/x', 'w:/y'],
        environment: { A: '1', B: '3' },
        cap_add: ['X', 'Y'],
      },
    });
  });
});
