// The branch a workbook names itself (issue 12's wrong-branch guard): a 填报单位 label, a title,
// or the roster's 所在党支部 column; and when two names are the same branch.
import { describe, expect, it } from 'vitest';
import { sameBranch, workbookBranchName } from '../../../shared/recognise/branch-name';
import type { Grid } from '../../../shared/grid';

const grid = (name: string, values: Grid['values']): Grid => ({ name, values });

describe('the workbook’s own branch', () => {
  it('reads a 填报单位 label with its value in the next cell, before the title', () => {
    const g = grid('登记表', [['养护中心党支部2026年党费收缴登记表'], ['填报单位：', null, '路政支队党支部', null, '填报日期：2026-10-08'], ['序号', '姓名']]);
    expect(workbookBranchName([g])).toMatchObject({ name: '路政支队党支部', cell: 'C2', source: 'label' });
  });

  it('reads a label and value in one cell, without what follows it', () => {
    const g = grid('花名册', [['党员花名册'], ['所在党支部：养护中心党支部（盖章）  填报人：李明'], ['姓名']]);
    expect(workbookBranchName([g])).toMatchObject({ name: '养护中心党支部', cell: 'A2', source: 'label' });
  });

  it('reads a title naming a 党支部', () => {
    const g = grid('Sheet1', [['中共某市交通运输局养护中心党支部党员花名册'], ['序号', '姓名']]);
    expect(workbookBranchName([g])).toMatchObject({ name: '某市交通运输局养护中心党支部', cell: 'A1', source: 'title' });
  });

  it('reads the roster’s 所在党支部 column (its most common value)', () => {
    const g = grid('花名册', [['序号', '姓名', '所在党支部'], [1, '张三', '养护中心党支部'], [2, '李四', '养护中心党支部'], [3, '王五', '路政支队党支部']]);
    expect(workbookBranchName([g])).toMatchObject({ name: '养护中心党支部', cell: 'C2', source: 'column' });
  });

  it('is null when the workbook names no branch', () => {
    expect(workbookBranchName([grid('Sheet1', [['序号', '姓名'], [1, '张三']])])).toBeNull();
  });
});

describe('same branch', () => {
  it('the same name, with or without 中共, its parents or spaces', () => {
    expect(sameBranch('路政支队党支部', '路政支队党支部')).toBe(true);
    expect(sameBranch('中共某市交通运输局路政支队党支部', '路政支队党支部')).toBe(true);
    expect(sameBranch('路政支队 党支部', '路政支队')).toBe(true);
  });

  it('another branch is not', () => {
    expect(sameBranch('养护中心党支部', '路政支队党支部')).toBe(false);
    expect(sameBranch('机关第一党支部', '机关第二党支部')).toBe(false);
  });
});
