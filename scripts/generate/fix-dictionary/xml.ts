/**
 * A small element tree over fast-xml-parser's order-preserving output. Order matters in a FIX
 * dictionary: a message's fields and groups interleave, and that order is the encoding order.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** One XML element: its name, attributes and child elements in document order. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
}

/** The document's root element and its top-level comments (Kalshi puts the version in one). */
export interface XmlDocument {
  readonly root: XmlElement;
  readonly comments: readonly string[];
}

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const ATTRS = ':@';
const COMMENT = '#comment';

/** Parses XML text; throws an Error naming the line when the text is not well-formed XML. */
export function parseXml(text: string): XmlDocument {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new Error(`FIX dictionary is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    commentPropName: COMMENT,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
  });
  const nodes = parser.parse(text) as OrderedNode[];
  const comments: string[] = [];
  const roots: XmlElement[] = [];
  for (const node of nodes) {
    const name = elementName(node);
    if (name === COMMENT) comments.push(commentText(node));
    else if (name !== undefined && !name.startsWith('?')) roots.push(toElement(node, name));
  }
  const [root] = roots;
  if (root === undefined || roots.length !== 1) throw new Error('FIX dictionary must have exactly one root element');
  return { root, comments };
}

function elementName(node: OrderedNode): string | undefined {
  return Object.keys(node).find((k) => k !== ATTRS);
}

function commentText(node: OrderedNode): string {
  const parts = node[COMMENT] as Array<Record<string, unknown>>;
  return parts.map((p) => String(p['#text'] ?? '')).join('').trim();
}

function toElement(node: OrderedNode, name: string): XmlElement {
  const children: XmlElement[] = [];
  for (const child of node[name] as OrderedNode[]) {
    const childName = elementName(child);
    if (childName === undefined || childName === '#text' || childName === COMMENT) continue;
    children.push(toElement(child, childName));
  }
  return { name, attrs: { ...(node[ATTRS] ?? {}) }, children };
}
