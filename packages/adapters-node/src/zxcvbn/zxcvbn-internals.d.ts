// zxcvbn-ts ships no types for its dist files; this is the one the fast matchers import.
declare module '@zxcvbn-ts/core/dist/matcher/dictionary/variants/matching/unmunger/getCleanPasswords.cjs' {
  const getCleanPasswords: import('./fast-dictionary.js').GetCleanPasswords
  export default getCleanPasswords
}
