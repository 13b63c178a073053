/**
 * The few browser globals that functions evaluated in the page use. The scripts compile without
 * lib.dom (it would retype Node's timers for every script), so a file with in-page code declares
 * `document` with these types.
 */
export interface InPageElement {
  readonly id: string;
  readonly textContent: string | null;
  /** Resolved against the page's URL (anchors). */
  readonly href: string;
  getAttribute(name: string): string | null;
}

export interface InPageDocument {
  getElementById(id: string): InPageElement | null;
  querySelector(selector: string): InPageElement | null;
  querySelectorAll(selector: string): Iterable<InPageElement>;
}
