// -- time: Date, Date.now(), internal.time() read the run's fake clock; sleep/wait consume fake
// time without blocking; Math.random is seeded per run. -------------------------------------------
function FakeDate(...args) {
  if (!new.target) return str(new RealDate(nowMs()));
  return args.length === 0 ? new RealDate(nowMs()) : construct(RealDate, args, new.target);
}
FakeDate.prototype = RealDate.prototype;
FakeDate.now = function now() { return nowMs(); };
FakeDate.parse = RealDate.parse;
FakeDate.UTC = RealDate.UTC;
defineProperty(RealDate.prototype, "constructor", { value: FakeDate, writable: true, configurable: true });
g.Date = FakeDate;

// internal.sleep / internal.wait (lib/V8/v8-utils.cpp JS_Sleep, JS_Wait): one argument (wait: one
// or two), converted by TRI_ObjectToDouble (a number or Number object, anything else is 0); a
// negative or zero time (-Infinity too) returns at once; NaN or Infinity never returns in ArangoDB
// (its loop `while (now < until)` never ends), so the run is stopped and the task runs no more;
// so is a sleep that would end after the fake clock's last instant (the end of the year 9999).
const LATEST_US = /*LATEST_US*/;
function toSeconds(value) {
  if (typeof value === "number") return value;
  if (value instanceof Number) return +value;
  return 0;
}
function consume(seconds) {
  const current = inRun("internal.sleep");
  if (seconds !== seconds || seconds === Infinity) {
    stopRun("forever", "the run called sleep(" + str(seconds) + "), which never returns in ArangoDB; the task runs no more");
  }
  if (!(seconds > 0)) return;
  if (current.startUs + current.sleptUs + seconds * 1e6 > LATEST_US) {
    stopRun("forever", "the run called sleep(" + str(seconds) + "), which would end after the year 9999, " +
      "the end of the fake clock; the task runs no more");
  }
  current.sleptUs += MathFloor(seconds * 1e6);
}
function sleep(seconds) {
  if (arguments.length !== 1) fail(10, "usage: sleep(<seconds>)");
  consume(toSeconds(seconds));
}
function wait(seconds, gc) {
  if (arguments.length < 1 || arguments.length > 2) fail(10, "usage: wait(<seconds>, <gc>)");
  consume(toSeconds(seconds));
}
function time() { return nowUs() / 1e6; }

// Seeded randomness: each run draws from its own stream, a function of (seed, task id, run number).
let rngState = 0;
function hashString(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = MathImul(h ^ call(StringCharCodeAt, text, i), 16777619);
  return h >>> 0;
}
function seedRandom(text) { rngState = hashString(text); }
Math.random = function random() {  // mulberry32
  rngState = (rngState + 0x6d2b79f5) | 0;
  let t = rngState;
  t = MathImul(t ^ (t >>> 15), t | 1);
  t ^= t + MathImul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
