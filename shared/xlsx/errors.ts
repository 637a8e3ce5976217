/** Why a workbook could not be written as asked; kept apart so hosts can raise them without the zip code. */

/** Raised when the package cannot be patched as asked; the message says which cell or part and why. */
export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

/** Refused: the fix would overwrite a formula. */
export class FormulaCellError extends PackageError {
  constructor(readonly sheet: string, readonly cell: string, readonly formula: string) {
    super(`${sheet}!${cell} holds a formula (=${formula}); a fix never overwrites a formula — correct the cells it uses instead`);
    this.name = 'FormulaCellError';
  }
}
