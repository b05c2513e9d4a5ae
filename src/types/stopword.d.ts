// stopword ships no type declarations; only the lists kohort uses are declared.
declare module 'stopword' {
  export const swe: string[];
  export const eng: string[];
}
