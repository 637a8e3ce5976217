// The layer rules in eslint.config.js: a deliberate violation in each layer must fail lint,
// and the same import from a layer allowed to make it must pass.
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules', () => {
  it('shared/ may not import a host, the worker or a runtime module', async () => {
    expect(await restricted('shared/money.ts', "import { x } from '../addin/src/excel/office';\nexport const y = x;\n")).toHaveLength(1);
    expect(await restricted('shared/register/x.ts', "import { app } from '../../worker/src/app';\nexport const y = app;\n")).toHaveLength(1);
    expect(await restricted('shared/xlsx/x.ts', "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n")).toHaveLength(1);
    expect(await restricted('shared/x.ts', "import { useState } from 'react';\nexport const y = useState;\n")).toHaveLength(1);
  });

  it('the CLI may not import worker code, only its seed plan', async () => {
    expect(await restricted('cli/commands/x.ts', "import { app } from '../../worker/src/app';\nexport const y = app;\n")).toHaveLength(1);
    expect(await restricted('cli/commands/x.ts', "import { planCommittee } from '../../worker/seed/committee';\nexport const y = planCommittee;\n")).toHaveLength(0);
  });

  it('the pane may not import the worker or Node', async () => {
    expect(await restricted('addin/src/views/X.tsx', "import { app } from '../../../worker/src/app';\nexport const y = app;\n")).toHaveLength(1);
    expect(await restricted('addin/src/views/X.tsx', "import { readFileSync } from 'node:fs';\nexport const y = readFileSync;\n")).toHaveLength(1);
    expect(await restricted('addin/src/views/X.tsx', "import { checkWorkbook } from '../../../shared/check';\nexport const y = checkWorkbook;\n")).toHaveLength(0);
  });

  it('worker data code may not import a route module; routes may import data', async () => {
    expect(await restricted('worker/src/rollups/read.ts', "import type { X } from '../submissions/routes';\nexport type Y = X;\n")).toHaveLength(1);
    expect(await restricted('worker/src/submissions/store.ts', "import { reviewRouter } from './review-routes';\nexport const y = reviewRouter;\n")).toHaveLength(1);
    expect(await restricted('worker/src/reports/load.ts', "import { settingsRouter } from '../settings/routes';\nexport const y = settingsRouter;\n")).toHaveLength(1);
    expect(await restricted('worker/src/submissions/rows.ts', "import { router } from '../router';\nexport const y = router;\n")).toHaveLength(1);
    expect(await restricted('worker/src/orgs.ts', "import { tokensRouter } from './routes/tokens';\nexport const y = tokensRouter;\n")).toHaveLength(1);
    expect(await restricted('worker/src/submissions/routes.ts', "import { submitRevision } from './store';\nexport const y = submitRevision;\n")).toHaveLength(0);
    expect(await restricted('worker/src/submissions/review-routes.ts', "import { router } from '../router';\nexport const y = router;\n")).toHaveLength(0);
    expect(await restricted('worker/src/app.ts', "import { rollupsRouter } from './rollups/routes';\nexport const y = rollupsRouter;\n")).toHaveLength(0);
    expect(await restricted('worker/src/rollups/read.ts', "import { figuresOf } from './branch-quarters';\nexport const y = figuresOf;\n")).toHaveLength(0);
  });
});
