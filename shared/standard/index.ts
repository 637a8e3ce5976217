/** The party-dues standard (dues-standard.md §2): categories, dated tables, rates, monthly dues. */
export * from './categories';
export * from './tables';
export * from './rate';
export * from './dues';
export * from './base';
