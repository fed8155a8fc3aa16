// Drives AgentFlows' management API with the official durable-functions v3 DurableClient in its rpcBaseUrl mode,
// exactly as a Functions host would hand it to a JavaScript function. Prints one JSON object with what it saw.
"use strict";
const df = require("durable-functions");

const base = process.argv[2];
const fixUrl = process.argv[3];
const clientData = {
  taskHubName: "AgentFlows",
  creationUrls: {},
  managementUrls: { id: "INSTANCEID" },
  rpcBaseUrl: base.endsWith("/") ? base : base + "/",
};
const binding = df.input.durableClient();
const client = df.getClient({ options: { extraInputs: [binding] }, extraInputs: { get: () => clientData } });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(id, predicate) {
  for (let i = 0; i < 400; i++) {
    const s = await client.getStatus(id);
    if (predicate(s)) return s;
    await sleep(25);
  }
  throw new Error(`instance ${id} never reached the expected state`);
}

(async () => {
  const out = {};
  const hello = await client.startNew("HelloCities", { input: ["Oslo", "Lima"] });
  const done = await until(hello, (s) => s.runtimeStatus === "Completed");
  out.start = { id: hello, status: done.runtimeStatus, output: done.output, input: done.input };

  const waiting = await client.startNew("WaitForApproval", { instanceId: "npm-approval" });
  await until(waiting, (s) => s.runtimeStatus === "Running");
  await client.suspend(waiting, "pause please");
  out.suspended = (await until(waiting, (s) => s.runtimeStatus === "Suspended")).runtimeStatus;
  await client.raiseEvent(waiting, "Approval", "npm");
  await client.resume(waiting, "go on");
  const approved = await until(waiting, (s) => s.runtimeStatus === "Completed");
  out.raiseEvent = { status: approved.runtimeStatus, output: approved.output };

  const doomed = await client.startNew("WaitForApproval", { instanceId: "npm-terminate" });
  await until(doomed, (s) => s.runtimeStatus === "Running");
  await client.terminate(doomed, "not needed");
  const terminated = await until(doomed, (s) => s.runtimeStatus === "Terminated");
  out.terminate = { status: terminated.runtimeStatus, output: terminated.output };

  const flaky = await client.startNew("FailsUntilFixed", { instanceId: "npm-rewind" });
  await until(flaky, (s) => s.runtimeStatus === "Failed");
  await fetch(fixUrl, { method: "POST" });
  await client.rewind(flaky, "fixed");
  const rewound = await until(flaky, (s) => s.runtimeStatus === "Completed");
  out.rewind = { status: rewound.runtimeStatus, output: rewound.output };

  const all = await client.getStatusAll();
  out.list = all.map((s) => s.instanceId).sort();
  const completed = await client.getStatusBy({ runtimeStatus: [df.OrchestrationRuntimeStatus.Completed] });
  out.listCompleted = completed.map((s) => s.instanceId).sort();

  out.purge = (await client.purgeInstanceHistory(hello)).instancesDeleted;
  out.purgeMissing = (await client.purgeInstanceHistory("no-such-instance")).instancesDeleted;
  let missing;
  try {
    await client.getStatus("no-such-instance");
    missing = "no error";
  } catch (e) {
    missing = "error";
  }
  out.statusMissing = missing;
  console.log(JSON.stringify(out));
})().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
