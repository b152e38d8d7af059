/**
 * 7. Sign-in cost: one scrypt hash with the parameters core stores passwords with (N = 2^17), the work
 * of every sign-in (a wrong password and an unknown email hash too). Printed beside the API function's
 * memory setting: Lambda gives CPU in proportion to memory (one full vCPU at 1,769 MB).
 */
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
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await Password.hash(`benchmark password ${i}`);
    times.push(performance.now() - t);
  }
  const bundles = details.bundles as { functions?: Array<{ name: string; variant: string; props: { memorySize?: number } }> } | undefined;
  const memory = bundles?.functions?.find((f) => f.name === "api" && f.variant === "deployed")?.props.memorySize;
  const share = memory ? Math.min(1, memory / FULL_VCPU_MB) : undefined;
  const m = median(times);
  row({
    id: "7.1",
    figure: `sign-in: one scrypt hash (N=2^${Math.log2(N)}, r=${r}, p=${p})`,
    median: ms(m, 0),
    p99: ms(Math.max(...times), 0),
    what: `Password.hash, median of ${RUNS} on one core of this machine${
      memory && share
        ? `; the API function has ${memory} MB = ${share.toFixed(2)} vCPU on Lambda, so about ${ms(m / share, 0)} there (Lambda gives one vCPU at ${FULL_VCPU_MB} MB)`
        : ""
    }; memory for the hash: ${(128 * N * r / 1024 / 1024).toFixed(0)} MiB`,
  });
  details.signIn = { N, r, p, runsMs: times, memorySize: memory };
}
