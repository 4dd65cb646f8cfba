import { describe, expect, it } from 'vitest';
import {
  countDutchSyllables,
  countEnglishSyllables,
  fillPlaceholders,
  fleschDouma,
  measureReadability,
  meetsReadingLevel,
  sentencesOf,
} from './readability.ts';

describe('countDutchSyllables', () => {
  it('counts a vowel group spoken as one sound once', () => {
    expect(countDutchSyllables('kind')).toBe(1);
    expect(countDutchSyllables('toestemming')).toBe(3);
    expect(countDutchSyllables('bijvoorbeeld')).toBe(3);
    expect(countDutchSyllables('huis')).toBe(1);
    expect(countDutchSyllables('auto')).toBe(2);
    expect(countDutchSyllables('eeuw')).toBe(1);
    expect(countDutchSyllables('nieuw')).toBe(1);
    expect(countDutchSyllables('mooi')).toBe(1);
    expect(countDutchSyllables('uw')).toBe(1);
    expect(countDutchSyllables('ontwikkelingsperspectiefplan')).toBe(8);
  });

  it('starts a new syllable at a diaeresis', () => {
    expect(countDutchSyllables('ideeën')).toBe(3);
    expect(countDutchSyllables('geïnformeerd')).toBe(4);
    expect(countDutchSyllables('coördinator')).toBe(5);
  });

  it('reads loan words, numbers and punctuation as words', () => {
    expect(countDutchSyllables('e-mail')).toBe(2);
    expect(countDutchSyllables('12')).toBe(2);
    expect(countDutchSyllables('(AVG,')).toBe(1);
    expect(countDutchSyllables('—')).toBe(0);
  });
});

describe('countEnglishSyllables', () => {
  it('counts vowel groups without a silent final e', () => {
    expect(countEnglishSyllables('cat')).toBe(1);
    expect(countEnglishSyllables('make')).toBe(1);
    expect(countEnglishSyllables('table')).toBe(2);
    expect(countEnglishSyllables('consent')).toBe(2);
    expect(countEnglishSyllables('children')).toBe(2);
    expect(countEnglishSyllables('readability')).toBe(5);
  });
});

describe('sentencesOf', () => {
  it('splits at full stops, question marks and line breaks, and keeps words', () => {
    expect(sentencesOf('Hoi! Hoe gaat het? Goed.\nDag')).toEqual([
      ['Hoi'],
      ['Hoe', 'gaat', 'het'],
      ['Goed'],
      ['Dag'],
    ]);
  });

  it('does not split inside a number or an address', () => {
    expect(sentencesOf('Het is 10.5 uur op www.example.nl vandaag.')).toHaveLength(1);
  });
});

describe('measureReadability', () => {
  it('scores a known Dutch sentence with Flesch-Douma', () => {
    // 6 words, 6 syllables, 1 sentence: 206.835 − 0.93 × 6 − 77 × 1.
    const measured = measureReadability('De kat zit op de mat.', 'nl');
    expect(measured).toMatchObject({ sentences: 1, words: 6, syllables: 6, longestSentence: 6 });
    expect(measured.score).toBeCloseTo(124.255, 3);
    expect(fleschDouma(6, 1)).toBeCloseTo(124.255, 3);
  });

  it('scores a known English sentence with Flesch Reading Ease', () => {
    // 6 words, 6 syllables, 1 sentence: 206.835 − 1.015 × 6 − 84.6 × 1.
    expect(measureReadability('The cat sat on the mat.', 'en').score).toBeCloseTo(116.145, 3);
  });

  it('passes a plain B1 text and a plain A2 text', () => {
    const parent = measureReadability(
      'De school vraagt om hulp voor uw kind. Daarvoor is uw toestemming nodig. U kunt ja of nee zeggen. U kunt later ook nog nee zeggen.',
      'nl',
    );
    expect(meetsReadingLevel(parent, 'B1')).toBe(true);
    const pupil = measureReadability(
      'Je school wil hulp vragen. Vind je dat goed? Je mag ja of nee zeggen.',
      'nl',
    );
    expect(meetsReadingLevel(pupil, 'A2')).toBe(true);
  });

  it('fails a deliberately hard text, so the catalogue check can fail', () => {
    const hard = measureReadability(
      'Ingevolge de toepasselijke bepalingen van de Algemene verordening gegevensbescherming verstrekt de verwerkingsverantwoordelijke, behoudens andersluidende wettelijke verplichtingen, onverwijld informatie over de verwerkingsdoeleinden en de categorieën van betrokken persoonsgegevens.',
      'nl',
    );
    expect(hard.score).toBeLessThan(0);
    expect(meetsReadingLevel(hard, 'B1')).toBe(false);
    expect(meetsReadingLevel(hard, 'A2')).toBe(false);
  });

  it('holds a pupil’s text to a stricter level than a parent’s', () => {
    const measured = { ...measureReadability('Kort.', 'nl'), score: 70, longestSentence: 12 };
    expect(meetsReadingLevel(measured, 'B1')).toBe(true);
    expect(meetsReadingLevel(measured, 'A2')).toBe(false);
    expect(meetsReadingLevel({ ...measured, score: 90, longestSentence: 22 }, 'A2')).toBe(false);
    expect(meetsReadingLevel({ ...measured, score: 90, longestSentence: 22 }, 'B1')).toBe(true);
  });

  it('fails a text of short words in one endless sentence', () => {
    const long = measureReadability(
      'Je gaat naar school en je leert veel en je speelt met je vrienden en je eet je brood en je gaat naar huis en je doet je werk en je slaapt.',
      'nl',
    );
    expect(long.longestSentence).toBeGreaterThan(20);
    expect(meetsReadingLevel(long, 'A2')).toBe(false);
  });
});

describe('fillPlaceholders', () => {
  it('fills every placeholder with one two-syllable word', () => {
    expect(fillPlaceholders('Beste {{name}}, de school {{ school }} vraagt.')).toBe(
      'Beste Anna, de school Anna vraagt.',
    );
  });

  it('fills an explained name as a whole word only', () => {
    expect(
      fillPlaceholders('Het expertisepunt en de expertisepunten.', ['expertisepunt', 'expertisepunten']),
    ).toBe('Het Anna en de Anna.');
  });
});
