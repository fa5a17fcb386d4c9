/** Elements whose text is a block of its own: a paragraph in the snapshot. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'td', 'th', 'tr', 'ul',
]);
/** Never text: code, styles, and what a reader does not see. */
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'button', 'select', 'input', 'textarea']);

/** The minimal DOM this reads: linkedom's, or a browser's. */
export interface TextNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<TextNode>;
}

/**
 * The text of an element as a reader sees it: one paragraph per block, blocks
 * apart by a blank line, a <br> a line break, runs of HTML white space one
 * space. Other spaces (no-break, thin) are kept: quotes are matched against them.
 */
export function blocksOf(root: TextNode): string[] {
  const blocks: string[] = [];
  let current = '';
  const flush = () => {
    const lines = current.split('\n').map((line) => withoutControls(line).replace(/[ \t\n\r\f]+/g, ' ').trim()).filter(Boolean);
    if (lines.length) blocks.push(lines.join('\n'));
    current = '';
  };
  const walk = (node: TextNode) => {
    if (node.nodeType === 3) {
      // HTML white space, line breaks included, is one space: only <br> breaks a line.
      current += (node.textContent ?? '').replace(/[\n\r]/g, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toLowerCase();
    if (SKIPPED.has(tag)) return;
    if (tag === 'br') {
      current += '\n';
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) flush();
    for (let i = 0; i < node.childNodes.length; i++) walk(node.childNodes[i]!);
    if (block) flush();
  };
  walk(root);
  flush();
  return blocks;
}

/** Control characters are never text a reader sees (and a NUL would make the snapshot unreadable): dropped. Tabs and line ends are white space. */
export function withoutControls(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, '');
}
