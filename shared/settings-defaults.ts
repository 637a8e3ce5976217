/**
 * The committee settings a 党委 has not changed (dues-standard.md names each default). Its own
 * module, free of zod, so `duesbook check` and the checker never load the settings schema unless
 * a settings object is actually parsed (zod is most of the command line's start-up; issue 14).
 * shared/settings.ts builds the schema's defaults from this one object.
 */
import type { CommitteeSettings } from './settings';

/** The defaults' values, typed by themselves: the schema in shared/settings.ts takes its defaults from here. */
export const DEFAULT_VALUES = Object.freeze({
  rounding: 'fen',
  farmerFen: 20,
  allowFormalWithoutFullDate: false,
  taiwanRegion83: false,
  baseDeductions: '2017',
  before2008: '1998',
  tableOverrides: Object.freeze([]),
  publicityDays: 7,
  publicityContact: '所在党支部或党委组织部门',
  deadlineDay: 10,
  runningQuarterFromDay: 20,
  deadlines: Object.freeze({}),
  reportPaper: 'A4',
  defaultCategory: '在职',
  approvalLevels: Object.freeze({ reduction: Object.freeze({}), deferral: 'branch', backPayment: 'branch' }),
} as const);

/** Defaults named in dues-standard.md, as the settings' type. Frozen: copy before changing. */
export const DEFAULT_SETTINGS: CommitteeSettings = DEFAULT_VALUES as unknown as CommitteeSettings;
