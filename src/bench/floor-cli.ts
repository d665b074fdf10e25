// The floor as a whole process: one probe of argv host and port, for start-up-to-exit timing against the CLI.
import { floorProbe } from './floor-probe';

const [host, port] = process.argv.slice(2);
floorProbe(host, Number(port)).then(
  () => process.stdout.write('ok\n'),
  (err: Error) => {
    process.stderr.write(`floor: ${err.message}\n`);
    process.exitCode = 1;
  },
);
