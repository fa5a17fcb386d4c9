import { citeWords } from '../../anchor/cite-words.js';
import { loadProject } from '../../pipeline.js';
import { safeJson } from '../../report/control-chars.js';
import { formatCiteStub } from '../../report/formatters/cite-stub.js';
import { clean } from '../../report/formatters/format-context.js';
import { formatDiagnostics } from '../../report/formatters/index.js';
import { CACHE_OPTION, COMMON_HELP, FORMAT_OPTION, loadOptions, pickFormat, ROOT_OPTION, type Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { locateRoot } from '../open-project.js';

export const citeCommand: Command = {
  name: 'cite',
  summary: "find words in a source's archived snapshot and print an evidence stub",
  usage: 'factcheck cite <source-id> "<words>" [--format text|json]',
  details: `Looks the words up in the source's archived snapshot, exactly first and then
with typography and spacing normalised, and prints a ready-to-paste evidence
record with its quote taken from the snapshot and its W3C selectors
(TextQuoteSelector, TextPositionSelector) in comments. Words that occur more
than once get one stub per occurrence, each with the prefix or suffix that
picks it out. Words that are not there are refused, with the closest passage.

Options:
  -f, --format <f>  text (default) or json: the selectors of each occurrence
${COMMON_HELP}

Exit codes: 0 found; 2 not found, unknown source, no snapshot, or bad usage.`,
  options: { ...ROOT_OPTION, ...FORMAT_OPTION, ...CACHE_OPTION },
  async run({ values, positionals }, io, _ctx, errCtx) {
    const format = pickFormat(values.format, { text: true, json: true }, 'cite');
    if (positionals.length < 2) throw new UsageError('cite takes a source id and the words to find');
    const [sourceId, ...words] = positionals as [string, ...string[]];
    const root = await locateRoot(io.cwd, values.root as string | undefined);
    const loaded = await loadProject(root, loadOptions(values, io));
    if (!loaded.project) {
      io.stderr(formatDiagnostics(loaded.diagnostics, errCtx));
      return EXIT.invalid;
    }
    const found = citeWords(loaded.project, sourceId, words.join(' '));
    if (!found.ok) {
      io.stderr(`factcheck cite: ${clean(found.message)}\n`);
      return EXIT.invalid;
    }
    if (found.inseparable.length) {
      io.stderr(`factcheck cite: the occurrences at line${found.inseparable.length === 1 ? '' : 's'} ${found.inseparable.join(', ')} have the same words around them and cannot be picked out; quote more words to cite them\n`);
    }
    io.stdout(format === 'json' ? `${safeJson(found, 2)}\n` : formatCiteStub(found));
    return EXIT.ok;
  },
};
