// -- driver: the entry point Python calls; runs a batch of due runs in order -----------------------
// Python writes a request into the bridge buffer and calls `entry` (no global name reaches it: the
// prelude's function returns it to Python). A batch names its runs as [task id, registration
// number, due time in microseconds, run number]; the task's command, params and owner come from
// Python once per registration (ask "task"). The batch runs in order and ends early, leaving the
// rest for Python to plan again, when a run changes what the plan assumed:
// - it slept: its task's later runs are skipped, and no run due after its end is made (its next
//   run comes at the earliest after that);
// - it registered a task: no run due after the new task's first run is made;
// - it (or another thread, seen through the generation counter Python bumps) removed a task: that
//   task's later runs are skipped;
// - its command may leave promise continuations (Python classifies commands by their text): the
//   batch ends with it, its continuations run when this call returns, and the next call finishes
//   the run ("finish") before anything else;
// - it poisoned the context (see isolation.js).
// Runs that only ran (no output, no error, no sleep) are not reported: Python knows them from
// `done` and `skipped`. The bridge buffer's header tells Python's watchdog which run is under way.
const EMPTY_MATCH = /(?:)/;  // matches "": resets the legacy RegExp statics
const definitions = new RealMap();  // "id\nseq" -> {fn, params, database, user, awaits, file}
let batch = null;                   // the batch being run: see startBatch
let pendingAsync = null;            // a run whose promise continuations run after the call that ran it
// The name stack frames give a task's command: "task:<id>", the id percent-encoded where it holds
// characters that would end the sourceURL comment or confuse the frame's syntax.
const taskFile = (id) => "task:" + call(StringReplace, str(id), /[\s%():]/g, (c) => RealEncodeURIComponent(c));
function definition(id, seq) {
  const key = id + "\n" + seq;
  let found = mapGet(definitions, key);
  if (found === undefined) {
    const task = ask(["task", batch.id, -1, id, seq]);
    if (call(MapSize, definitions) > 10000) call(MapClear, definitions);
    const file = taskFile(id);
    found = {
      fn: ObjectFreeze(new FunctionCtor("params", task.command + "\n//# sourceURL=" + file)),
      params: task.params, database: task.database, user: task.user, awaits: task.mayAwait,
      file, command: task.command,
    };
    mapSet(definitions, key, found);
  }
  return found;
}
function newRun(index, dueUs, def) {
  return {
    index, batchId: batch.id, startUs: dueUs, sleptUs: 0, output: [], outputChars: 0, maxOutput: batch.maxOutput,
    maxMemory: batch.maxMemory, allocated: 0, database: def.database, user: def.user, limit: null, error: null,
  };
}
// A run's report as JSON text, or null when it has nothing to report: {"output": [[level, text]...],
// "error": {type, message, stack[, errorNum]}, "sleptUs": n, "limit": {reason, message}}. Made by
// hand from strings and numbers (JSON.stringify of a primitive consults no toJSON), because the
// yield and collect send it while the run's changes to the built-ins are still in force.
function reportText(current) {
  const parts = [];
  const output = current.output;
  if (output.length) {
    let text = "";
    for (let i = 0; i < output.length; i++) {
      const entry = output[i];
      text += (i > 0 ? ",[" : "[") + JSONstringify(entry[0]) + "," + JSONstringify(entry[1]) + "]";
    }
    push(parts, '"output":[' + text + "]");
  }
  const error = current.error;
  if (error !== null) {
    push(parts, '"error":{"type":' + JSONstringify(error.type) + ',"message":' + JSONstringify(error.message) +
      ',"stack":' + JSONstringify(error.stack) + (error.errorNum === undefined ? "" : ',"errorNum":' + jsonOf(error.errorNum)) + "}");
  }
  if (current.sleptUs) push(parts, '"sleptUs":' + jsonOf(current.sleptUs));
  const limit = current.limit;
  if (limit !== null) push(parts, '"limit":{"reason":' + JSONstringify(limit.reason) + ',"message":' + JSONstringify(limit.message) + "}");
  return parts.length === 0 ? null : "{" + call(ArrayJoin, parts, ",") + "}";
}
// Called by the modules when a run changes what the plan assumed.
function noteSlept(current, id) {
  if (batch === null) return;
  setAdd(batch.skip, id);
  const end = current.startUs + current.sleptUs;
  if (end < batch.horizon) batch.horizon = end;
}
function noteRegistered(dueUs) { if (batch !== null && dueUs < batch.horizon) batch.horizon = dueUs; }
function noteUnregistered(id) { if (batch !== null) setAdd(batch.skip, id); }
// Stops the run for a limit (fake-time forever, ArrayBuffer memory): Python terminates the call.
function stopRun(reason, message) {
  const current = inRun("stopRun");
  current.limit = { reason, message };
  ask(["stop", current.batchId, current.index, reason]);
  for (;;) {}  // never returns, whatever the command catches: the termination Python asked for ends the call
}
function refreshRemovals() {
  const generation = header[H_GENERATION];
  if (generation === batch.generation) return;
  const removed = ask(["removed", batch.id, -1, batch.generation]);
  for (let i = 0; i < removed.length; i++) setAdd(batch.skip, removed[i]);
  batch.generation = generation;
}
// -- errors as a run reports them ------------------------------------------------------------------
// A command is compiled by new Function("params", wrapped) with a sourceURL naming the task; V8
// puts the wrapped command on line 3 of that source, after 21 characters of the wrapper on its
// first line. Stack frames are rewritten to the user's own line and column, and frames of the
// fake's own code are dropped.
const WRAP_PREFIX = "(function (params) { ".length;
const WRAP_SUFFIX = " } )(params);".length;
function userStack(stack, file, wrapped) {
  const userLines = call(StringSplit, call(StringSlice, wrapped, WRAP_PREFIX, wrapped.length - WRAP_SUFFIX), "\n");
  const lastLength = userLines[userLines.length - 1].length;
  const lines = call(StringSplit, str(stack), "\n");
  const out = [lines[0]];
  const pattern = new RegExpCtor("\\(?" + call(StringReplace, file, /[.*+?^${}()|[\]\\]/g, "\\$&") + ":(\\d+):(\\d+)\\)?");
  for (let i = 1; i < lines.length; i++) {
    const m = call(RegExpExec, pattern, lines[i]);
    if (m === null) continue;
    const line = +m[1] - 2;
    const column = line === 1 ? +m[2] - WRAP_PREFIX : +m[2];
    if (line < 1 || column < 1) continue;
    if (line === userLines.length && column > lastLength) continue;  // the wrapper calling the command
    let frame = call(StringReplace, lines[i], pattern, (whole) =>
      (whole[0] === "(" ? "(" : "") + file + ":" + line + ":" + column + (whole[whole.length - 1] === ")" ? ")" : ""));
    frame = call(StringReplace, frame, /at eval \((.*)\)$/, "at $1");  // V8's form for an anonymous frame
    push(out, frame);
  }
  return call(ArrayJoin, out, "\n");
}
function describe(error, file, wrapped) {
  // each part on its own: a hostile getter on one (stack, say) must not lose the others
  const attempt = (read, fallback) => { try { return read(); } catch (e) { return fallback; } };
  if (attempt(() => error instanceof ErrorCtor, false)) {
    const out = {
      type: attempt(() => str(error.name || "Error"), "Error"),
      message: attempt(() => str(error.message), "(unprintable message)"),
      stack: attempt(() => userStack(error.stack || "", file, wrapped), ""),
    };
    if (attempt(() => error instanceof ArangoError, false)) out.errorNum = attempt(() => +error.errorNum, null);
    return out;
  }
  return { type: "", message: attempt(() => "Uncaught " + inspect(error, [], 0), "Uncaught exception (unprintable)"), stack: "" };
}
// -- the batch -------------------------------------------------------------------------------------
// A run whose command may leave promise continuations ends the call that ran it: the driver asks
// Python to chain a call of `resume` ("yield"), returns, V8 runs the continuations (they count as
// part of that run: `run` stays set), then `resume` finishes the run and goes on with the batch.
// Python's caller sleeps throughout: the hop costs about a bridge call.
function runBatch(request) {
  batch = {
    id: request.batch, jobs: request.jobs, next: 0, maxOutput: request.maxOutput, maxMemory: request.maxMemory,
    seed: request.seed, version: request.version, horizon: Infinity, skip: new RealSet(), generation: request.generation, reports: [],
    skipped: [], done: 0,
  };
  pendingAsync = null;
  run = null;
  header[H_RUN_INDEX] = -1;
  isolateAll(false);  // what earlier calls left (continuations of a stopped run, hidden changes)
  return runJobs();
}
function resume() {
  const current = pendingAsync;
  pendingAsync = null;
  run = null;
  header[H_PHASE] = 1;
  header[H_RUN_INDEX] = -1;
  isolateRun();
  finishRun(current);
  return runJobs();
}
function finishRun(current) {
  if (current.sleptUs) noteSlept(current, current.taskId);
  const text = reportText(current);
  if (text !== null) push(batch.reports, "[" + current.index + "," + text + "]");
}
function runJobs() {
  const jobs = batch.jobs;
  let j = batch.next;
  for (; j < jobs.length && !poisoned; j++) {
    const job = jobs[j];
    const id = job[0], seq = job[1], dueUs = job[2], n = job[3];
    if (dueUs > batch.horizon) break;
    refreshRemovals();
    if (setHas(batch.skip, id)) { push(batch.skipped, j); continue; }
    const def = definition(id, seq);
    const current = newRun(j, dueUs, def);
    current.taskId = id;
    current.seq = seq;
    seedRandom(batch.seed + ":" + id + ":" + n);
    call(RegExpExec, EMPTY_MATCH, "");  // RegExp.input, lastMatch, $1..$9 as in a fresh context: "" (not a run's data)
    header[H_RUN_INDEX] = j;
    header[H_RUN_SEQ] = (header[H_RUN_SEQ] + 1) | 0;
    run = current;
    try {
      call(def.fn, g, def.params === null ? undefined : JSONparse(def.params));
    } catch (e) {
      current.error = describe(e, def.file, def.command);
    }
    if (def.awaits) {  // run stays set: the continuations V8 runs after this call belong to it
      pendingAsync = current;
      batch.next = j + 1;
      // what the batch made so far goes with it, in case the continuations never end
      askText('["yield",' + batch.id + "," + j + "," + (reportText(current) || "{}") + "," + reportsText() + "," +
        skippedText() + "]");
      return null;
    }
    run = null;
    header[H_RUN_INDEX] = -1;
    isolateRun();
    finishRun(current);
  }
  batch.done = j;
  isolateAll(true);
  return '{"done":' + batch.done + "," + madeText() + ',"poisoned":' + (poisoned ? "true" : "false") + "}";
}
// After a call was terminated (a limit): what the batch had made, and the run it stopped.
function collect() {
  const stopped = run;
  run = null;
  pendingAsync = null;
  const done = stopped === null ? (batch === null ? 0 : batch.done) : stopped.index;
  return '{"done":' + done + "," + (batch === null ? '"skipped":[],"reports":[]' : madeText()) +
    ',"poisoned":' + (poisoned ? "true" : "false") +
    ',"stopped":' + (stopped === null ? "null" : "[" + stopped.index + "," + (reportText(stopped) || "{}") + "]") + "}";
}
// The runs of the batch made so far, as JSON: the indexes skipped, [[index, report]...] (each
// report's text made when its run was over and isolated), and both as members of an answer.
const skippedText = () => "[" + call(ArrayJoin, batch.skipped, ",") + "]";
const reportsText = () => "[" + call(ArrayJoin, batch.reports, ",") + "]";
const madeText = () => '"skipped":' + skippedText() + ',"reports":' + reportsText();
function entry() {
  const request = JSONparse(readText());
  header[H_PHASE] = 1;
  try {
    if (request.op === "batch") return runBatch(request);
    if (request.op === "collect") return collect();
    fail(4, "unknown request " + str(request.op));
  } finally {
    header[H_PHASE] = 0;
  }
  return null;
}
takeSnapshot();
return [sab, entry, resume];
