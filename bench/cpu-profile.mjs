// Preloaded into the server by `npm run bench:http -- --profile DIR` (NODE_OPTIONS refuses
// --cpu-prof): profiles the process with the inspector and writes DIR/<pid>.cpuprofile on exit.
import fs from "node:fs";
import path from "node:path";
import inspector from "node:inspector";

const dir = process.env.BENCH_PROFILE_DIR;
// Only the server itself: start.mjs must stay free to pass the signal on to it.
if (dir && /server\.js$/.test(process.argv[1] ?? "")) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable", () => session.post("Profiler.start"));
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    session.post("Profiler.stop", (error, result) => {
      if (!error) {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
      }
      process.exit(0);
    });
  };
  process.on("SIGTERM", write);
  process.on("SIGINT", write);
}
