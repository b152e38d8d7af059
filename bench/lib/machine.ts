/** The machine the run is on (printed above the table). */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem } from "node:os";

export function machine() {
  const cpuinfo = existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "";
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? "unknown";
  let nproc = cpus().length;
  try {
    nproc = Number(execFileSync("nproc", { encoding: "utf8" }).trim());
  } catch {}
  return {
    nproc,
    cpu: model,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB (${(freemem() / 1024 ** 3).toFixed(1)} GiB free at start)`,
    node: process.version,
    java: (spawnSync("java", ["-version"], { encoding: "utf8" }).stderr ?? "").split("\n")[0]?.trim(),
    platform: `${process.platform} ${process.arch}`,
    loadavgStart: loadavg().map((l) => l.toFixed(2)).join(" "),
    loadavgEnd: "",
  };
}
