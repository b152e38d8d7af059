/**
 * 7. Sign-in cost: one scrypt hash with the parameters core stores passwords with (N = 2^17), the work
 * of every sign-in (a wrong password and an unknown email hash too). Printed beside the API function's
 * memory setting: Lambda gives CPU in proportion to memory (one full vCPU at 1,769 MB).
 */
import { cpus, loadavg } from "node:os";
import { details, log, row } from "../lib/context";
import { median, ms } from "../lib/stats";

const RUNS = 7;
const FULL_VCPU_MB = 1769;

export async function signIn() {
  log("7. sign-in: scrypt");
  const Password = await import("@tracker/core/auth/password");
  const { N, r, p } = Password.PARAMS;
  await Password.hash("warm-up password");
  const times: number[] = [];
  // CPU time too (all threads of the process: the hash runs on libuv's pool): on a shared machine the wall
  // time includes waiting for a core, the CPU time is what one full vCPU would take.
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await Password.hash(`benchmark password ${i}`);
    const used = process.cpuUsage(c);
    times.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  const bundles = details.bundles as { functions?: Array<{ name: string; variant: string; props: { memorySize?: number } }> } | undefined;
  const memory = bundles?.functions?.find((f) => f.name === "api" && f.variant === "deployed")?.props.memorySize;
  const share = memory ? Math.min(1, memory / FULL_VCPU_MB) : undefined;
  const m = median(times);
  const mc = median(cpu);
  row({
    id: "7.1",
    figure: `sign-in: one scrypt hash (N=2^${Math.log2(N)}, r=${r}, p=${p})`,
    median: ms(m, 0),
    p99: ms(Math.max(...times), 0),
    what: `Password.hash, wall time, median of ${RUNS} on this machine (${cpus()[0]?.model.trim() ?? "unknown CPU"}, ${cpus().length} cores; load average ${loadavg()[0]!.toFixed(1)}); CPU time ${ms(mc, 0)}${
      memory && share
        ? `; the API function has ${memory} MB = ${share.toFixed(2)} vCPU on Lambda, so about ${ms(mc / share, 0)} there (the CPU time at Lambda's share; one vCPU at ${FULL_VCPU_MB} MB)`
        : ""
    }; memory for the hash: ${(128 * N * r / 1024 / 1024).toFixed(0)} MiB`,
  });
  details.signIn = { N, r, p, runsMs: times, cpuMs: cpu, memorySize: memory };
}
