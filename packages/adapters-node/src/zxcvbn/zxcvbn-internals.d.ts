// zxcvbn-ts ships no types for its dist files; these are the ones the fast matchers and scoring import.
declare module '@zxcvbn-ts/core/dist/matcher/dictionary/variants/matching/unmunger/getCleanPasswords.cjs' {
  const getCleanPasswords: import('./l33t-variants.js').GetCleanPasswords
  export default getCleanPasswords
}
declare module '@zxcvbn-ts/core/dist/scoring/estimate.cjs' {
  const estimateGuesses: import('./fast-scoring.js').EstimateGuesses
  export default estimateGuesses
}
// The library's own search, which the differential test holds FastScoring to.
declare module '@zxcvbn-ts/core/dist/scoring/index.cjs' {
  export default class Scoring {
    constructor(options: unknown)
    mostGuessableMatchSequence(password: string, matches: readonly import('./fast-scoring.js').ScoredMatch[], excludeAdditive?: boolean): import('./fast-scoring.js').MatchSequence
  }
}
