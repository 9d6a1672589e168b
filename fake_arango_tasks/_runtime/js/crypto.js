// -- @arangodb/crypto: js/common/modules/@arangodb/crypto.js (3.12) over lib/V8/v8-utils.cpp ------
// Hashes, HMAC and PBKDF2 are Python's (_host/_crypto.py: hashlib); the JWT, HOTP and TOTP
// functions are the module's JavaScript, over those. Random values come from a stream of their
// own per run, seeded by (seed, task, due time): reproducible, and independent of Math.random.
// genRandomBytes answers a Uint8Array where ArangoDB answers a Buffer (the fake has no Buffer).
const RealUint8Array = Uint8Array;  // (the sandbox's counted constructor)
const NumberToString = Number.prototype.toString;
const RealParseInt = parseInt;
const ALPHA_NUMBERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const SALT_CHARS = ALPHA_NUMBERS + "!#$%&()*+,-./:;<=>?@[]^_{|}~";
function cryptoNext() {  // mulberry32 over the run's own state
  const current = inRun("@arangodb/crypto");
  if (current.cryptoState === undefined) {
    current.cryptoState = hashString(str(batch === null ? 0 : batch.seed) + ":crypto:" + str(current.taskId) + ":" +
      str(current.startUs));
  }
  current.cryptoState = (current.cryptoState + 0x6d2b79f5) | 0;
  let t = current.cryptoState;
  t = MathImul(t ^ (t >>> 15), t | 1);
  t ^= t + MathImul(t ^ (t >>> 7), t | 61);
  return (t ^ (t >>> 14)) >>> 0;
}
function randomText(alphabet, length) {
  const n = MathFloor(+length) || 0;
  let out = "";
  for (let i = 0; i < n; i++) out += alphabet[cryptoNext() % alphabet.length];
  return out;
}
const hex = (bytes) => {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? "0" : "") + call(NumberToString, bytes[i], 16);
  return out;
};
const bytesOf = (hexText) => {
  const out = new RealUint8Array(hexText.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = RealParseInt(call(StringSlice, hexText, 2 * i, 2 * i + 2), 16);
  return out;
};
const isBytes = (value) => value instanceof RealUint8Array;
const jwtUrlEncode = (text) => call(StringReplace, call(StringReplace, call(StringReplace, text, /[+]/g, "-"), /[/]/g, "_"), /[=]/g, "");
function jwtUrlDecode(text) {
  while ((text.length % 4) !== 0) text += "=";
  return call(StringReplace, call(StringReplace, text, /-/g, "+"), /_/g, "/");
}
const crypto = {
  rand: () => cryptoNext() | 0,
  md5: (value) => host("crypto.hash", "md5", value),
  sha1: (value) => host("crypto.hash", "sha1", value),
  sha224: (value) => host("crypto.hash", "sha224", value),
  sha256: (value) => host("crypto.hash", "sha256", value),
  sha384: (value) => host("crypto.hash", "sha384", value),
  sha512: (value) => host("crypto.hash", "sha512", value),
  hmac: (key, message, algorithm) => host("crypto.hmac", str(key), isBytes(message) ? { hex: hex(message) } : str(message),
    algorithm === undefined ? null : algorithm),
  pbkdf2: (salt, password, iterations, keyLength, algorithm) =>
    host("crypto.pbkdf2", salt, password, iterations, keyLength, algorithm === undefined || algorithm === null ? null : algorithm),
  genRandomNumbers: (length) => randomText("0123456789", length),
  genRandomAlphaNumbers: (length) => randomText(ALPHA_NUMBERS, length),
  genRandomSalt: (length) => randomText(SALT_CHARS, length),
  genRandomBytes: (length = 0) => {
    const out = new RealUint8Array(MathFloor(+length) || 0);
    for (let i = 0; i < out.length; i++) out[i] = cryptoNext() & 255;
    return out;
  },
  createNonce: () => {  // 4 bytes of seconds, then 12 random ones (Nonce::createNonce), base64
    const bytes = new RealUint8Array(16);
    const seconds = MathFloor(nowUs() / 1e6);
    for (let i = 0; i < 4; i++) bytes[i] = (seconds >>> (24 - 8 * i)) & 255;
    for (let i = 4; i < 16; i++) bytes[i] = cryptoNext() & 255;
    return host("crypto.hex2b64", hex(bytes));
  },
  checkAndMarkNonce: (value) => host("crypto.nonce", str(value)),
  uuidv4: () => {
    const b = crypto.genRandomBytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = hex(b);
    return call(StringSlice, h, 0, 8) + "-" + call(StringSlice, h, 8, 12) + "-" + call(StringSlice, h, 12, 16) + "-" +
      call(StringSlice, h, 16, 20) + "-" + call(StringSlice, h, 20);
  },
  constantEquals: (a, b) => {
    const length = a.length > b.length ? a.length : b.length;
    let result = true;
    for (let i = 0; i < length; i++) if (call(StringCharCodeAt, a, i) !== call(StringCharCodeAt, b, i)) result = false;
    return result;
  },
};
const hmacSigner = (algorithm) => (key, segments) => host("crypto.hex2b64", crypto.hmac(key, call(ArrayJoin, segments, "."), algorithm));
const hmacVerifier = (algorithm) => (key, segments) =>
  crypto.constantEquals(crypto.hmac(key, call(ArrayJoin, call(ArraySlice, segments, 0, 2), "."), algorithm), segments[2]);
crypto.jwtAlgorithms = {
  HS256: { sign: hmacSigner("sha256"), verify: hmacVerifier("sha256") },
  HS384: { sign: hmacSigner("sha384"), verify: hmacVerifier("sha384") },
  HS512: { sign: hmacSigner("sha512"), verify: hmacVerifier("sha512") },
  none: {
    sign: (key) => { if (key) throw new ErrorCtor('Can not sign message with key using algorithm "none"!'); return ""; },
    verify: (key) => !key,
  },
};
crypto.jwtCanonicalAlgorithmName = function (algorithm) {
  if (algorithm && typeof algorithm === "string") {
    if (call(hasOwn, crypto.jwtAlgorithms, call(StringToLowerCase, algorithm))) return call(StringToLowerCase, algorithm);
    if (call(hasOwn, crypto.jwtAlgorithms, call(StringToUpperCase, algorithm))) return call(StringToUpperCase, algorithm);
  }
  throw new ErrorCtor('Unknown algorithm "' + algorithm + '". Only the following algorithms are supported at this time: ' +
    call(ArrayJoin, ObjectKeys(crypto.jwtAlgorithms), ", "));
};
crypto.jwtEncode = function (key, message, algorithm) {
  algorithm = algorithm ? crypto.jwtCanonicalAlgorithmName(algorithm) : "HS256";
  const segments = [];
  push(segments, jwtUrlEncode(host("crypto.b64", JSONstringify({ typ: "JWT", alg: algorithm }))));
  push(segments, jwtUrlEncode(host("crypto.b64", JSONstringify(message))));
  push(segments, jwtUrlEncode(crypto.jwtAlgorithms[algorithm].sign(key, segments)));
  return call(ArrayJoin, segments, ".");
};
crypto.jwtDecode = function (key, token, noVerify) {
  if (!token) return null;
  const segments = call(StringSplit, token, ".");
  if (segments.length !== 3) throw new ErrorCtor("Wrong number of JWT segments!");
  const headerSeg = host("crypto.unb64", jwtUrlDecode(segments[0]));
  const messageSeg = host("crypto.unb64", jwtUrlDecode(segments[1]));
  segments[2] = host("crypto.b642hex", jwtUrlDecode(segments[2]));
  if (!noVerify) {
    const head = JSONparse(headerSeg);
    head.alg = crypto.jwtCanonicalAlgorithmName(head.alg);
    if (!crypto.jwtAlgorithms[head.alg].verify(key, segments)) throw new ErrorCtor("Signature verification failed!");
  }
  return JSONparse(messageSeg);
};
function numToUInt64LE(value) {  // (sic: big-endian, as the module's own)
  const bytes = new RealUint8Array(8);
  for (let i = 8; i > 0; i--) { bytes[i - 1] = value & 255; value = value >> 8; }
  return bytes;
}
crypto.hotpGenerate = function (key, counter = 0) {
  const hash = bytesOf(crypto.hmac(key, numToUInt64LE(counter), "sha1"));
  const offset = hash[19] & 0xf;
  const code = ((hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16 | (hash[offset + 2] & 0xff) << 8 |
    (hash[offset + 3] & 0xff)) % 1000000;
  let text = str(code);
  while (text.length < 6) text = "0" + text;
  return text;
};
crypto.hotpVerify = function (token, key, counter = 0, window = 50) {
  for (let c = counter - window; c <= counter + window; c++) {
    if (crypto.hotpGenerate(key, c) === token) return { delta: c - counter };
  }
  return null;
};
crypto.totpGenerate = function (key, step = 30) {
  return crypto.hotpGenerate(key, MathFloor(nowMs() / 1000 / step));
};
crypto.totpVerify = function (token, key, step = 30, window = 6) {
  return crypto.hotpVerify(key, token, MathFloor(nowMs() / 1000 / step), window);  // (sic: arguments as in 3.12)
};
