import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/load/parse-yaml.js';

const parse = (text: string) => parseYaml({ path: 'claims/x.yaml', kind: 'claims', text });

describe('parseYaml', () => {
  it('locates nodes by key path, 1-based', () => {
    const { file, diagnostics } = parse('claims:\n  - id: a\n    text: hello\n');
    expect(diagnostics).toEqual([]);
    expect(file.locate(['claims', 0, 'text'])).toEqual({ file: 'claims/x.yaml', line: 3, col: 11 });
    expect(file.locate(['claims', 0, 'text'], 'key')).toEqual({ file: 'claims/x.yaml', line: 3, col: 5 });
  });

  it('falls back to the deepest node that exists', () => {
    const { file } = parse('claims:\n  - id: a\n');
    expect(file.locate(['claims', 0, 'missing'])).toMatchObject({ line: 2, col: 5 });
  });

  it.each([
    ['duplicate keys', 'claims:\n  - id: a\n    id: b\n', 'yaml/duplicate-key', 3, 5],
    ['a tab as indentation', 'claims:\n\t- id: a\n', 'yaml/tab-indent', 2, 1],
    ['an unclosed quote', 'claims:\n  - id: "a\n', 'yaml/syntax', 2, 9],
  ])('reports %s with a code and position', (_name, text, code, line, col) => {
    const { file, diagnostics } = parse(text);
    expect(file.value).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code, line, col });
  });

  it('reports an empty file and a file of comments as empty', () => {
    expect(parse('').diagnostics).toMatchObject([{ code: 'yaml/empty', line: 1, col: 1 }]);
    expect(parse('# only a comment\n').diagnostics).toMatchObject([{ code: 'yaml/empty' }]);
  });

  it('stops an alias bomb', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const { file, diagnostics } = parse(`${lines.join('\n')}\n`);
    expect(file.value).toBeUndefined();
    expect(diagnostics).toMatchObject([{ code: 'yaml/alias-limit' }]);
  });

  it('refuses nesting beyond the limit without overflowing the stack', () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const { file, diagnostics } = parse(deep);
    expect(file.value).toBeUndefined();
    expect(diagnostics.length).toBeGreaterThan(0);
  });

  it('accepts CRLF line endings', () => {
    const { file, diagnostics } = parse('claims:\r\n  - id: a\r\n    text: hi\r\n');
    expect(diagnostics).toEqual([]);
    expect(file.value).toEqual({ claims: [{ id: 'a', text: 'hi' }] });
    expect(file.locate(['claims', 0, 'text'])).toMatchObject({ line: 3, col: 11 });
  });
});
