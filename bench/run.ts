// npm run bench: runs every benchmark module in turn and prints its figures. Not a timed test.
import { benchApplicationTransfer } from './application-transfer.bench';
import { benchConnection } from './connection.bench';
import { benchDesignerRules } from './designer-rules.bench';
import { benchDesigner } from './designer.bench';
import { benchDirectory } from './directory.bench';
import { benchLogFollow } from './log-follow.bench';
import { benchMatrixExport } from './matrix-export.bench';
import { benchProfileDashboard } from './profile-dashboard.bench';
import { benchRights } from './rights.bench';
import { benchStartup } from './startup.bench';
import { benchUsers } from './users.bench';

interface BenchModule {
  name: string;
  run(): Promise<void>;
}

const modules: BenchModule[] = [
  { name: 'startup', run: benchStartup },
  { name: 'connection', run: benchConnection },
  { name: 'rights', run: benchRights },
  { name: 'matrix-export', run: benchMatrixExport },
  { name: 'users', run: benchUsers },
  { name: 'directory', run: benchDirectory },
  { name: 'log-follow', run: benchLogFollow },
  { name: 'profile-dashboard', run: benchProfileDashboard },
  { name: 'designer', run: benchDesigner },
  { name: 'application-transfer', run: benchApplicationTransfer },
  { name: 'designer-rules', run: benchDesignerRules },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const module of modules) {
    if (only.length > 0 && !only.includes(module.name)) continue;
    console.log(`\n## ${module.name}`);
    await module.run();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
