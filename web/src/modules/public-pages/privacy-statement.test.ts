import { describe, expect, it } from 'vitest';
import en from './i18n/en.json';
import nl from './i18n/nl.json';

// Language level of the privacy statement (issue 15, point 6): parents read B1 Dutch, pupils a simpler
// version. Measured with the Flesch–Douma reading ease for Dutch (206.835 − 0.93 × words per sentence −
// 77 × syllables per word; 60–70 reads as "fairly easy", about B1, and above 70 as "easy") and the
// length of sentences, with syllables counted as groups of vowels.

const sample = {
  partnership: 'SWV Passend Zuid',
  requestFile: '2 jaar',
  trajectory: '2 jaar',
  draft: '6 maanden',
  auditEvent: '5 jaar',
  mailAndLink: '30 dagen',
};

function textsOf(node: unknown): string[] {
  if (typeof node === 'string')
    return [
      node.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => sample[name as keyof typeof sample] ?? name),
    ];
  if (Array.isArray(node)) return node.flatMap(textsOf);
  if (node && typeof node === 'object') return Object.values(node).flatMap(textsOf);
  return [];
}

function sentencesOf(texts: string[]): string[][] {
  return texts
    .flatMap((text) => text.split(/(?<=[.?!:;])\s+/))
    .map((sentence) => sentence.split(/\s+/).filter((word) => /[\p{L}\d]/u.test(word)))
    .filter((words) => words.length > 0);
}

function syllablesOf(word: string): number {
  return Math.max(1, (word.toLowerCase().match(/[aeiouyàáâäèéêëïîóôöúûü]+/g) ?? []).length);
}

function readability(texts: string[]) {
  const sentences = sentencesOf(texts);
  const words = sentences.flat();
  const wordsPerSentence = words.length / sentences.length;
  const syllablesPerWord = words.reduce((sum, word) => sum + syllablesOf(word), 0) / words.length;
  return {
    wordsPerSentence,
    longest: Math.max(...sentences.map((sentence) => sentence.length)),
    douma: 206.835 - 0.93 * wordsPerSentence - 77 * syllablesPerWord,
  };
}

describe('the privacy statement reads easily (issue 15, point 6)', () => {
  const statement = nl.privacyStatement;

  it('B1 for parents: short sentences, fairly easy words', () => {
    const level = readability(textsOf(statement.parent));
    expect(level.wordsPerSentence).toBeLessThanOrEqual(13);
    expect(level.longest).toBeLessThanOrEqual(25);
    expect(level.douma).toBeGreaterThanOrEqual(60);
  });

  it('simpler for pupils: shorter sentences, easier words', () => {
    const pupil = readability(textsOf(statement.pupil));
    const parent = readability(textsOf(statement.parent));
    expect(pupil.wordsPerSentence).toBeLessThanOrEqual(10);
    expect(pupil.longest).toBeLessThanOrEqual(16);
    expect(pupil.douma).toBeGreaterThanOrEqual(70);
    expect(pupil.douma).toBeGreaterThan(parent.douma);
  });

  it('addresses parents with "u" and pupils with "je"', () => {
    const words = (texts: string[]) =>
      texts
        .join(' ')
        .toLowerCase()
        .split(/[^\p{L}]+/u);
    const parent = words(textsOf(statement.parent));
    const pupil = words(textsOf(statement.pupil));
    expect(parent).toContain('u');
    expect(parent.filter((word) => ['je', 'jij', 'jou', 'jouw'].includes(word))).toEqual([]);
    expect(pupil).toContain('je');
    expect(pupil.filter((word) => ['u', 'uw'].includes(word))).toEqual([]);
  });

  it('says every part the statement must have, in both languages', () => {
    for (const catalogue of [nl, en]) {
      const parent = textsOf(catalogue.privacyStatement.parent).join(' ');
      const pupil = textsOf(catalogue.privacyStatement.pupil).join(' ');
      // The periods of the schedule, the complaint route, the 16+ readers' list.
      for (const text of [parent, pupil]) {
        expect(text).toContain('2 jaar');
        expect(text).toContain('Autoriteit Persoonsgegevens');
        expect(text).toContain('16');
      }
      expect(parent).toContain('5 jaar');
      expect(parent).toContain('30 dagen');
    }
  });
});
