/**
 * The part of WPS 表格's JavaScript object model (Application, Workbook, Sheets, Range, Interior,
 * CustomDocumentProperties, ApiEvent) the WPS host uses, typed from `wps-jsapi` 1.0.5's
 * declarations (Et.*, Kso.*). Members whose declared type is right are taken with Pick, so they
 * type-check against the package; the few the declarations get wrong are restated here, each
 * with the reason. The declarations are generated from the COM type library, and a COM method
 * whose result is an [out, retval] parameter comes out as `f(…, RHS?: T): void` — e.g.
 * `Sheets.Item(Index?, RHS?: any): void` and `Range.Resize(Row?, Col?, RHS?: EtRange): void`, which
 * in WPS (as in Excel VBA) return that T; a few properties carry the wrong type
 * (`Worksheet.UsedRange: number` is a Range, `Range.Value2: number` is any cell value or a 2-D
 * array of them, `Range.Formula: number` is a string or a 2-D array of strings).
 *
 * Every property read, write and method call here crosses into WPS (synchronously), so the host
 * is written to make as few as it can; tests/addin/wps/fakeWps.ts counts them.
 */
/// <reference types="wps-jsapi" />

/** A value as Range.Value2 gives it for one cell (dates as serial numbers; empty as undefined). */
export type WpsScalar = string | number | boolean | null | undefined;

/** Fill of a range: every property reads null when the cells of the range differ (as in Excel). */
export type WpsInterior = Pick<Et.EtInterior, 'Color' | 'Pattern' | 'PatternColor' | 'TintAndShade' | 'PatternTintAndShade'>;

export type WpsRange = Pick<Et.EtRange, 'Row' | 'Column' | 'Count' | 'HasFormula' | 'NumberFormat' | 'Select'> & {
  readonly Interior: WpsInterior;
  /** Declared `number`: one cell's value, or values[row][col] for several cells. */
  Value2: WpsScalar | WpsScalar[][];
  /** Declared `number`: a cell's formula ("=…", or its constant as text), or a 2-D array of them. */
  readonly Formula: string | string[][];
  readonly Rows: Pick<Et.EtRange, 'Count'>;
  readonly Columns: Pick<Et.EtRange, 'Count'>;
  /** Declared `Item(…, RHS?): void` (COM retval): the cell at 1-based row and column of this range. */
  Item(RowIndex: number, ColumnIndex: number): WpsRange;
  /** Declared `Resize(…, RHS?: EtRange): void` (COM retval). */
  Resize(RowSize: number, ColumnSize: number): WpsRange;
  readonly Worksheet: Pick<WpsWorksheet, 'Name'>;
};

export type WpsWorksheet = Pick<Et.EtWorksheet, 'Name' | 'Activate'> & {
  /** Declared `number`: the used range (cells with values or formatting). */
  readonly UsedRange: WpsRange;
  readonly Cells: WpsRange;
};

export type WpsSheets = Pick<Et.EtSheets, 'Count'> & {
  /** Declared `Item(Index?, RHS?: any): void` (COM retval): 1-based index or the sheet's name. */
  Item(Index: number | string): WpsWorksheet;
};

export type WpsDocumentProperty = Pick<Kso.KsoDocumentProperty, 'Delete'> & {
  /** Declared `number`: the property's name. */
  readonly Name: string;
  /** Declared `number`: a string property's text (the host writes only strings). */
  Value: unknown;
};

export type WpsDocumentProperties = Pick<Kso.KsoDocumentProperties, 'Count'> & {
  /** Declared `Item(Index?, lcid?, ppIDocProp?): void` (COM retval); throws for a name not there. */
  Item(Index: number | string): WpsDocumentProperty;
  /** Declared `Add(…, ppIDocProp?): void` (COM retval). Type 4 = msoPropertyTypeString. */
  Add(Name: string, LinkToContent: boolean, Type: Kso.KsoMsoDocProperties, Value: string): WpsDocumentProperty;
};

export type WpsWorkbook = Pick<Et.EtWorkbook, 'Name'> & {
  readonly Sheets: WpsSheets;
  /** Declared `any`. */
  readonly CustomDocumentProperties: WpsDocumentProperties;
};

/** Application.ApiEvent; the callback gets the Worksheet and the Range that changed. */
export interface WpsApiEvent {
  AddApiEventListener(EtEventName: 'SheetChange', callback: (WorkSheet: object, Range: object) => void): void;
  RemoveApiEventListener(EtEventName: 'SheetChange', callback?: (WorkSheet: object, Range: object) => void): void;
}

export type WpsApplication = Pick<Et.EtApplication, 'EnableEvents'> & {
  /** Declared non-null; null when no workbook is open. */
  readonly ActiveWorkbook: WpsWorkbook | null;
  readonly ApiEvent: WpsApiEvent;
};

// Enumerations as numbers: the declarations' enums are ambient (no object exists at run time).
/** Et.EtXlPattern.xlPatternNone: no fill. */
export const XL_PATTERN_NONE = -4142;
/** Et.EtXlPattern.xlPatternSolid. */
export const XL_PATTERN_SOLID = 1;
/** Kso.KsoMsoDocProperties.msoPropertyTypeString. */
export const MSO_PROPERTY_TYPE_STRING = 4;

// wps-jsapi's own ApiEvent (the `wps.ApiEvent` namespace) must fit the interface used here.
type Assignable<T, U extends T> = U;
export type _ApiEventFits = Assignable<WpsApiEvent, typeof wps.ApiEvent>;
