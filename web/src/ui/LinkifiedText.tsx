import { Fragment } from 'react';

// http(s) URLs up to whitespace; trailing punctuation belongs to the sentence, not the link.
const urlPattern = /https?:\/\/[^\s<>"']+/g;
const trailingPunctuation = /[.,;:!?)\]]+$/;

/** Plain text with its web addresses as clickable links; never injects HTML. */
export function LinkifiedText({ text }: { text: string }) {
  const parts: Array<{ kind: 'text' | 'link'; value: string }> = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    const start = match.index;
    const url = match[0].replace(trailingPunctuation, '');
    if (start > last) parts.push({ kind: 'text', value: text.slice(last, start) });
    parts.push({ kind: 'link', value: url });
    last = start + url.length;
  }
  if (last < text.length) parts.push({ kind: 'text', value: text.slice(last) });
  return (
    <>
      {parts.map((part, index) =>
        part.kind === 'link' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reordered.
          <a key={index} href={part.value} className="utrecht-link utrecht-link--html-a">
            {part.value}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and never reordered.
          <Fragment key={index}>{part.value}</Fragment>
        ),
      )}
    </>
  );
}
