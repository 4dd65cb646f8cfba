/**
 * Readability of plain-language texts, measured: Flesch-Douma for Dutch and Flesch Reading Ease for
 * English, with the counts they rest on (sentences, words, syllables). Pure: no I/O, no catalogue
 * knowledge (that is `reader-texts.ts`). Why these measures and these thresholds: docs/language-level.md.
 */

/** A language the measure knows. */
export type ReadabilityLanguage = 'nl' | 'en';

/** The counts of a text and its score (higher is easier, roughly 0–100). */
export type Readability = {
  sentences: number;
  words: number;
  syllables: number;
  wordsPerSentence: number;
  syllablesPerWord: number;
  /** Words in the longest sentence. */
  longestSentence: number;
  score: number;
};

// Dutch vowel sounds, longest first: a group of letters that is spoken as one vowel counts once.
// A diaeresis (ë, ï, ö, ü) starts a new syllable: "ideeën", "geïnformeerd", "coördinator".
const dutchVowelUnits = [
  'aai',
  'ooi',
  'oei',
  'eeu',
  'ieu',
  'ij',
  'ei',
  'ou',
  'au',
  'ui',
  'oe',
  'eu',
  'ie',
  'aa',
  'ee',
  'oo',
  'uu',
  // Loan words common in these texts (e-mail, detail): "ai" is one sound there.
  'ai',
];
const dutchSingleVowels = new Set([...'aeiouyáàâéèêëíìîïóòôöúùûü']);

/** Dutch syllables of one word: its vowel sounds, with ij, ei, ou, au, ui, oe, eu, ie, aa, ee, oo, uu as one. */
export function countDutchSyllables(word: string): number {
  const letters = word.toLowerCase().replace(/[^a-záàâéèêëíìîïóòôöúùûü0-9]/g, '');
  if (letters.length === 0) return 0;
  // A number is read as a word; most numbers in these texts (12, 16, 10) have one or two syllables.
  if (/^[0-9]+$/.test(letters)) return 2;
  let count = 0;
  let index = 0;
  while (index < letters.length) {
    const unit = dutchVowelUnits.find((candidate) => letters.startsWith(candidate, index));
    if (unit) {
      count += 1;
      index += unit.length;
    } else {
      if (dutchSingleVowels.has(letters[index] as string)) count += 1;
      index += 1;
    }
  }
  return Math.max(1, count);
}

/** English syllables of one word, by the usual vowel-group heuristic (silent final e, -ed, -es). */
export function countEnglishSyllables(word: string): number {
  let letters = word.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (letters.length === 0) return 0;
  if (/^[0-9]+$/.test(letters)) return 2;
  if (letters.length <= 3) return 1;
  letters = letters.replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, (ending) => ending.slice(0, 1));
  letters = letters.replace(/^y/, '');
  const groups = letters.match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 0);
}

// A sentence ends at . ! ? (before a space, a line break or the end), at a line break, or at the end of
// a list item (a text in a catalogue is a unit: a list item ending in ";" is read as a line of its own).
const sentenceEnd = /(?<=[.!?])\s+|\n+/;

/** The sentences of a text: each a list of its words. */
export function sentencesOf(text: string): string[][] {
  return text
    .split(sentenceEnd)
    .map((sentence) => wordsOf(sentence))
    .filter((words) => words.length > 0);
}

/** The words of a text: runs of letters and digits (an e-mail address or a web address is one word). */
export function wordsOf(text: string): string[] {
  return text
    .split(/[\s/–—]+/)
    .map((token) => token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((token) => /[\p{L}\p{N}]/u.test(token));
}

/** Flesch-Douma (Dutch): 206.835 − 0.93 × words per sentence − 77 × syllables per word. */
export function fleschDouma(wordsPerSentence: number, syllablesPerWord: number): number {
  return 206.835 - 0.93 * wordsPerSentence - 77 * syllablesPerWord;
}

/** Flesch Reading Ease (English): 206.835 − 1.015 × words per sentence − 84.6 × syllables per word. */
export function fleschReadingEase(wordsPerSentence: number, syllablesPerWord: number): number {
  return 206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord;
}

/** The counts and the score of one text (several texts: join them with line breaks first). */
export function measureReadability(text: string, language: ReadabilityLanguage): Readability {
  const sentences = sentencesOf(text);
  const words = sentences.flat();
  const countSyllables = language === 'nl' ? countDutchSyllables : countEnglishSyllables;
  const syllables = words.reduce((sum, word) => sum + countSyllables(word), 0);
  const wordsPerSentence = sentences.length === 0 ? 0 : words.length / sentences.length;
  const syllablesPerWord = words.length === 0 ? 0 : syllables / words.length;
  const formula = language === 'nl' ? fleschDouma : fleschReadingEase;
  return {
    sentences: sentences.length,
    words: words.length,
    syllables,
    wordsPerSentence,
    syllablesPerWord,
    longestSentence: Math.max(0, ...sentences.map((sentence) => sentence.length)),
    score: words.length === 0 ? 100 : formula(wordsPerSentence, syllablesPerWord),
  };
}

/** A reading level the texts are held to: B1 for parents, A2 for pupils (Common European Framework). */
export type ReadingLevel = 'B1' | 'A2';

/** The lowest score and the longest sentence a text of a level may have, per language. */
export const readingLevelLimits: Record<
  ReadingLevel,
  { minimumScore: number; maximumSentenceWords: number }
> = {
  B1: { minimumScore: 65, maximumSentenceWords: 25 },
  A2: { minimumScore: 75, maximumSentenceWords: 20 },
};

/** Whether a measured text meets a level: its score high enough and no sentence too long. */
export function meetsReadingLevel(measured: Readability, level: ReadingLevel): boolean {
  const limits = readingLevelLimits[level];
  return measured.score >= limits.minimumScore && measured.longestSentence <= limits.maximumSentenceWords;
}

/**
 * A stand-in for each `{{placeholder}}` (a name or a date fills it in) and for each of `names` (a name the
 * text explains, such as a service's name): one two-syllable word, so a long name is not read as hard.
 */
export function fillPlaceholders(text: string, names: readonly string[] = []): string {
  const filled = text.replace(/\{\{\s*[\w.]+\s*\}\}/g, 'Anna');
  if (names.length === 0) return filled;
  const pattern = new RegExp(`(?<![\\p{L}])(?:${names.join('|')})(?![\\p{L}])`, 'giu');
  return filled.replace(pattern, 'Anna');
}
