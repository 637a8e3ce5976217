// Vite's ?raw imports (a file's text), used to compare addin/public/_headers with the worker's headers.
declare module '*?raw' {
  const text: string;
  export default text;
}
