// A tiny element builder: attributes and text are set through the DOM, never by parsing
// HTML strings (so no markup injection from run data, and nothing a strict CSP blocks).

type Attributes = Record<string, string | undefined> & { text?: string; className?: string };

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  children: ReadonlyArray<Node> = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (name === 'text') node.textContent = value;
    else if (name === 'className') node.className = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}
