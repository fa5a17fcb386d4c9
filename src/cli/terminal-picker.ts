import type { CompleterResult, Interface } from 'node:readline';
import { completeChoice, describeMatches, lastTerm, type Choice } from '../authoring/pick-choice.js';

/** Tab for a picker: readline replaces the word being typed with the completion. */
export function pickerCompleter(choices: readonly Choice[]): (line: string) => CompleterResult {
  return (line) => {
    const { term } = lastTerm(line);
    const completion = completeChoice(choices, term);
    return [completion === undefined ? [] : [completion], term];
  };
}

/** Output to a terminal: it may say how wide it is. */
type TerminalOutput = NodeJS.WritableStream & { columns?: number };

const MAX_SHOWN = 8;

/**
 * Shows the choices that match what is typed under the question, redrawn
 * after every key, and cleared once the line is answered. Movements are
 * relative to the cursor, so they hold when the list scrolls the screen.
 * Returns what to call once the cursor has left the question's line (Enter,
 * or a new line written after Ctrl-D): it clears the list from there down.
 */
export function showMatches(lines: Interface, input: NodeJS.ReadableStream, output: TerminalOutput, question: string, choices: readonly Choice[]): () => void {
  let drawn = false;
  let done = false;
  const draw = () => {
    if (done) return;
    const columns = output.columns || 80;
    // Lines one short of the width: a full line would wrap on some terminals and break the count.
    const shown = describeMatches(choices, lines.line, MAX_SHOWN).map((line) => (line.length < columns ? line : `${line.slice(0, columns - 2)}…`));
    if (!shown.length && !drawn) return;
    const cursor = lines.getCursorPos();
    const lastRow = Math.floor((question.length + lines.line.length) / columns);
    const down = Math.max(0, lastRow - cursor.rows);
    let out = down ? `\u001b[${down}B` : '';
    out += `\r\n\u001b[J${shown.join('\r\n')}`;
    out += `\u001b[${Math.max(shown.length, 1) + down}A\r${cursor.cols ? `\u001b[${cursor.cols}C` : ''}`;
    output.write(out);
    drawn = shown.length > 0;
  };
  // Added after readline's own listener, so the line has the key in it when this runs.
  const onKey = () => draw();
  input.on('keypress', onKey);
  return () => {
    done = true;
    input.removeListener('keypress', onKey);
    if (drawn) output.write('\r\u001b[J');
  };
}
