// Command-line options of `npm run bench`.
import type { BenchKind } from "./database";

export type BenchOptions = {
  tickets: number;
  databases: BenchKind[];
  iterations: number;
  warmup: number;
  keep: boolean;
  explain: boolean;
  analyze: boolean;
  seed: number;
  /** DATABASE_URL of a database kept by --keep: measure it again without filling. */
  reuse?: string;
};

export const USAGE = `Usage: npm run bench -- [options]

  --tickets N        tickets to create (default 100000)
  --db KIND          sqlite, postgresql or both (default both)
  --iterations N     timed runs per scenario, after a warm-up of N/10 (default 200)
  --keep             keep the databases and print where they are
  --explain          print the query plan of every statement Prisma sends for the main scenarios
  --analyze          run ANALYZE on SQLite after the fill (the app never does; PostgreSQL's
                     autovacuum does, so the benchmark always analyses PostgreSQL)
  --seed N           seed of the data generator (default 1)
  --reuse URL        measure a database kept by an earlier --keep run (file:… or postgresql://…)
                     again, as it is: to compare code or index changes on the same data
`;

function positiveInt(flag: string, value: string | undefined): number {
  const n = Number(value?.replaceAll("_", ""));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive whole number (got "${value ?? ""}")\n\n${USAGE}`);
  return n;
}

export function parseOptions(argv: string[]): BenchOptions {
  const o: BenchOptions = { tickets: 100_000, databases: ["sqlite", "postgresql"], iterations: 200, warmup: 20, keep: false, explain: false, analyze: false, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--tickets":
        o.tickets = positiveInt(flag, value());
        break;
      case "--db": {
        const v = value();
        if (v !== "sqlite" && v !== "postgresql" && v !== "both") throw new Error(`--db must be sqlite, postgresql or both (got "${v ?? ""}")\n\n${USAGE}`);
        o.databases = v === "both" ? ["sqlite", "postgresql"] : [v];
        break;
      }
      case "--iterations":
        o.iterations = positiveInt(flag, value());
        break;
      case "--seed":
        o.seed = positiveInt(flag, value());
        break;
      case "--reuse": {
        const v = value();
        if (!v) throw new Error(`--reuse needs the DATABASE_URL printed by --keep\n\n${USAGE}`);
        o.reuse = v;
        o.databases = [/^postgres/.test(v) ? "postgresql" : "sqlite"];
        break;
      }
      case "--keep":
        o.keep = true;
        break;
      case "--explain":
        o.explain = true;
        break;
      case "--analyze":
        o.analyze = true;
        break;
      case "--help":
      case "-h":
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${argv[i]}\n\n${USAGE}`);
    }
  }
  o.warmup = Math.max(10, Math.round(o.iterations / 10));
  return o;
}
