// Files imported as text (`import css from "./theme.css?raw"`), for tests that read them.
declare module "*?raw" {
  const text: string;
  export default text;
}
