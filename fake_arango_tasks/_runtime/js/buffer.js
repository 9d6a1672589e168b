// -- buffer: ArangoDB 3.12's Buffer (the global, and require('buffer')) ------------------------------
// js/server/initialize.js: `global.Buffer = require('buffer').Buffer`. ArangoDB's buffer module
// (js/common/bootstrap/modules/buffer.js) is Node 0.10's, not today's: Buffer is a plain function
// (callable with or without `new`) whose instances are ordinary objects { length, parent, offset,
// _PRINT } wrapped in a Proxy that reads and writes digit-named properties on `parent`, a
// SlowBuffer (lib/V8/v8-buffer.cpp: a native object over `new char[length]`, indexed through an
// interceptor, whose prototype inherits Buffer.prototype). So a Buffer is not a Uint8Array, and
// there is no Buffer.from, Buffer.alloc, buf.equals, buf.compare or Buffer.compare in ArangoDB:
// calling one is the TypeError "... is not a function" here as there. toJSON gives a plain array of
// the bytes (not Node's { type: "Buffer", data }). Quirks kept as arangod has them:
// - buf[i] reads parent[i], not parent[offset + i]: on a slice, indexing (and the readUInt*/
//   writeUInt* methods, which index) sees the start of the parent; toString, toJSON, get, set,
//   copy and fill do add the offset;
// - toString('binary') of no bytes is undefined (v8-buffer.cpp's Encode);
// - encodings are utf8/utf-8, ascii (high bit stripped), binary (latin1; there is no 'latin1'
//   name: "Unknown encoding: latin1"), base64 (decoding skips what is not base64 and accepts the
//   URL-safe alphabet), hex (lower case; an odd length or a non-hex digit is "invalid hex string"),
//   ucs2/ucs-2/utf16le/utf-16le; Buffer.byteLength treats an unknown encoding as utf8.
// Left out: readFloat*/readDouble*/writeFloat*/writeDouble* (ArangoError 9, "not supported by
// fake-arango-tasks"). A new Buffer(n) is zero-filled (arangod's is uninitialized memory).
// Every SlowBuffer's bytes are counted against the run's ArrayBuffer memory (sandbox.js), as
// arangod reports them to V8 as external memory.
const BytesCtor = g.Uint8Array;  // the guarded constructor (sandbox.js): it counts what it allocates
const RealProxy = Proxy;
const RealWeakMap = WeakMap;
const RealIsFinite = isFinite;
const RealIsNaN = isNaN;
const WeakMapGet = WeakMap.prototype.get;
const WeakMapSet = WeakMap.prototype.set;
const MathCeil = Math.ceil;
const kMaxLength = 0x3fffffff;
const slowBytes = new RealWeakMap();  // SlowBuffer (its proxy) -> Uint8Array
const bytesOfSlow = (o) => ((typeof o === "object" && o !== null) ? call(WeakMapGet, slowBytes, o) : undefined);
const isUint32 = (v) => typeof v === "number" && v >= 0 && v <= 0xffffffff && MathFloor(v) === v;
const isInt32 = (v) => typeof v === "number" && v >= -0x80000000 && v <= 0x7fffffff && MathFloor(v) === v;
const toUint32 = (v) => +v >>> 0;
const toInt32 = (v) => +v | 0;
// an array index below `length`, or -1 (what V8 hands to an indexed interceptor)
function indexBelow(key, length) {
  if (typeof key !== "string" || key.length === 0 || key.length > 10) return -1;
  const n = +key;
  return str(n) === key && isUint32(n) && n < length ? n : -1;
}

// -- text <-> bytes ----------------------------------------------------------------------------
// UTF-8 as V8's String::WriteUtf8 and Utf8Length give it (a lone surrogate takes 3 bytes).
function codePointAt(s, i) {
  const c = call(StringCharCodeAt, s, i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = call(StringCharCodeAt, s, i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
  }
  return c;
}
const utf8Size = (cp) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);
function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const cp = codePointAt(s, i);
    n += utf8Size(cp);
    if (cp >= 0x10000) i++;
  }
  return n;
}
// writes whole characters only, at most `max` bytes; returns the bytes written
function utf8Write(bytes, at, s, max) {
  let k = 0;
  for (let i = 0; i < s.length; i++) {
    const cp = codePointAt(s, i);
    const size = utf8Size(cp);
    if (k + size > max) break;
    if (size === 1) {
      bytes[at + k] = cp;
    } else if (size === 2) {
      bytes[at + k] = 0xc0 | (cp >> 6); bytes[at + k + 1] = 0x80 | (cp & 63);
    } else if (size === 3) {
      bytes[at + k] = 0xe0 | (cp >> 12); bytes[at + k + 1] = 0x80 | ((cp >> 6) & 63); bytes[at + k + 2] = 0x80 | (cp & 63);
    } else {
      bytes[at + k] = 0xf0 | (cp >> 18); bytes[at + k + 1] = 0x80 | ((cp >> 12) & 63);
      bytes[at + k + 2] = 0x80 | ((cp >> 6) & 63); bytes[at + k + 3] = 0x80 | (cp & 63);
      i++;
    }
    k += size;
  }
  return k;
}
function unitsToString(units) {
  let out = "";
  for (let i = 0; i < units.length; i += 8192) out += apply(StringFromCharCode, null, call(ArraySlice, units, i, i + 8192));
  return out;
}
// UTF-8 to text as V8's String::NewFromUtf8 decodes it: each maximal invalid subpart is U+FFFD.
function utf8Decode(bytes, start, end) {
  const units = [];
  let i = start;
  while (i < end) {
    const b = bytes[i];
    if (b < 0x80) { push(units, b); i++; continue; }
    let need = 0, cp = 0, lower = 0x80, upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; }
    else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0x0f; if (b === 0xe0) lower = 0xa0; if (b === 0xed) upper = 0x9f; }
    else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 0x07; if (b === 0xf0) lower = 0x90; if (b === 0xf4) upper = 0x8f; }
    else { push(units, 0xfffd); i++; continue; }
    let j = i + 1, ok = true;
    for (let n = 0; n < need; n++, j++) {
      const c = j < end ? bytes[j] : -1;
      if (c < lower || c > upper) { ok = false; break; }
      lower = 0x80; upper = 0xbf;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok) { push(units, 0xfffd); i = j; continue; }
    if (cp >= 0x10000) { cp -= 0x10000; push(units, 0xd800 + (cp >> 10)); push(units, 0xdc00 + (cp & 0x3ff)); }
    else push(units, cp);
    i = j;
  }
  return unitsToString(units);
}
// v8-buffer.cpp's unbase64 table: the standard and the URL-safe alphabet; anything else is skipped
function unbase64(c) {
  if (c >= 65 && c <= 90) return c - 65;
  if (c >= 97 && c <= 122) return c - 71;
  if (c >= 48 && c <= 57) return c + 4;
  if (c === 43 || c === 45) return 62;
  if (c === 47 || c === 95) return 63;
  return -1;
}
// v8-buffer.cpp's Base64DecodedSize, over the string's UTF-8 bytes
function base64DecodedSize(s) {
  const length = utf8Length(s);
  const remainder = length % 4;
  let size = MathFloor(length / 4) * 3;
  if (remainder) size = size === 0 && remainder === 1 ? 0 : size + 1 + (remainder === 3 ? 1 : 0);
  if (size > 0) {  // (the last two UTF-8 bytes: '=' is ASCII, so the last two units when they are '=')
    if (call(StringCharCodeAt, s, s.length - 1) === 61) size--;
    if (call(StringCharCodeAt, s, s.length - 2) === 61) size--;
  }
  return size;
}
function parseEncoding(encoding) {  // v8-buffer.cpp's ParseEncoding with UTF8 as the default
  if (typeof encoding !== "string") return "utf8";
  switch (call(StringToLowerCase, encoding)) {
    case "ascii": return "ascii";
    case "base64": return "base64";
    case "ucs2": case "ucs-2": case "utf16le": case "utf-16le": return "ucs2";
    case "binary": return "binary";
    case "buffer": return "buffer";
    case "hex": return "hex";
    default: return "utf8";
  }
}
function byteLength(string, encoding) {
  if (typeof string !== "string") usage("byteLength(<string>, <utf8>)");
  switch (parseEncoding(encoding)) {
    case "utf8": return utf8Length(string);
    case "base64": return base64DecodedSize(string);
    case "ucs2": return string.length * 2;
    case "hex": return MathFloor(string.length / 2);
    default: return string.length;
  }
}

// -- SlowBuffer: v8-buffer.cpp's native object ---------------------------------------------------
const slowHandler = {
  get(target, key, receiver) {
    const bytes = call(WeakMapGet, slowBytes, receiver);
    const i = bytes === undefined ? -1 : indexBelow(key, bytes.length);
    return i >= 0 ? bytes[i] : Reflect.get(target, key, receiver);
  },
  set(target, key, value, receiver) {
    const bytes = call(WeakMapGet, slowBytes, receiver);
    const i = bytes === undefined ? -1 : indexBelow(key, bytes.length);
    if (i < 0) return Reflect.set(target, key, value, receiver);
    bytes[i] = +value & 0xff;  // static_cast<uint8_t>(NumberValue)
    return true;
  },
  has(target, key) {
    const i = typeof key === "string" ? indexBelow(key, target.length) : -1;
    return i >= 0 || Reflect.has(target, key);
  },
};
function SlowBuffer(length) {
  if (!new.target) return new SlowBuffer(length);
  if (!isUint32(length)) throw new TypeErrorCtor("bad argument");
  if (length > kMaxLength) throw new RangeErrorCtor("length > kMaxLength");
  const bytes = new BytesCtor(length);  // counted (sandbox.js); zero-filled
  const target = ObjectCreate(new.target.prototype);
  target.length = length;
  const self = new RealProxy(target, slowHandler);
  call(WeakMapSet, slowBytes, self, bytes);
  return self;
}
function unwrap(self) {
  const bytes = bytesOfSlow(self);
  if (bytes === undefined) throw new TypeErrorCtor("Illegal invocation");
  return bytes;
}
function sliceArgs(bytes, start, end) {  // v8-buffer.cpp's sliceArgs
  if (!isInt32(start) || !isInt32(end) || start < 0 || end < 0) throw new TypeErrorCtor("bad argument");
  if (!(start <= end)) throw new ErrorCtor("must have start <= end");
  if (end > bytes.length) throw new ErrorCtor("end cannot be longer than parent.length");
}
const SLOW_NATIVES = {
  binarySlice(start, end) {
    const bytes = unwrap(this); sliceArgs(bytes, start, end);
    if (end === start) return undefined;  // Encode(): no bytes give undefined
    const units = [];
    for (let i = start; i < end; i++) push(units, bytes[i]);
    return unitsToString(units);
  },
  asciiSlice(start, end) {
    const bytes = unwrap(this); sliceArgs(bytes, start, end);
    const units = [];
    for (let i = start; i < end; i++) push(units, bytes[i] & 0x7f);
    return unitsToString(units);
  },
  base64Slice(start, end) {
    const bytes = unwrap(this); sliceArgs(bytes, start, end);
    let out = "";
    let i = start;
    for (; i + 3 <= end; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      out += BASE64[n >> 18] + BASE64[(n >> 12) & 63] + BASE64[(n >> 6) & 63] + BASE64[n & 63];
    }
    if (end - i === 1) {
      out += BASE64[bytes[i] >> 2] + BASE64[(bytes[i] & 3) << 4] + "==";
    } else if (end - i === 2) {
      out += BASE64[bytes[i] >> 2] + BASE64[((bytes[i] & 3) << 4) | (bytes[i + 1] >> 4)] + BASE64[(bytes[i + 1] & 15) << 2] + "=";
    }
    return out;
  },
  ucs2Slice(start, end) {
    const bytes = unwrap(this); sliceArgs(bytes, start, end);
    const units = [];
    for (let i = start; i + 2 <= end; i += 2) push(units, bytes[i] | (bytes[i + 1] << 8));
    return unitsToString(units);
  },
  hexSlice(start, end) {
    const bytes = unwrap(this); sliceArgs(bytes, start, end);
    let out = "";
    for (let i = start; i < end; i++) out += "0123456789abcdef"[bytes[i] >> 4] + "0123456789abcdef"[bytes[i] & 15];
    return out;
  },
  utf8Slice(start, end) {
    const bytes = unwrap(this); sliceArgs(bytes, start, end);
    return utf8Decode(bytes, start, end);
  },
  utf8Write(string, offset, maxLength) {
    const bytes = unwrap(this);
    if (typeof string !== "string") usage("utf8Write(<string>, <offset>, [<maxLength>])");
    const at = toUint32(offset);
    if (string.length === 0) return 0;
    if (at >= bytes.length) throw new RangeErrorCtor("<offset> is out of bounds");
    const max = MathMin(bytes.length - at, maxLength === undefined ? bytes.length - at : toUint32(maxLength));
    return utf8Write(bytes, at, string, max);
  },
  ucs2Write(string, offset, maxLength) {
    const bytes = unwrap(this);
    if (typeof string !== "string") usage("ucs2Write(string, offset, [maxLength])");
    const at = toUint32(offset);
    if (string.length > 0 && at >= bytes.length) throw new RangeErrorCtor("<offset> is out of bounds");
    const units = MathFloor(MathMin(bytes.length - at, maxLength === undefined ? bytes.length - at : toUint32(maxLength)) / 2);
    const n = MathMin(units, string.length);
    for (let i = 0; i < n; i++) {
      const c = call(StringCharCodeAt, string, i);
      bytes[at + 2 * i] = c & 0xff; bytes[at + 2 * i + 1] = c >> 8;
    }
    return n * 2;
  },
  hexWrite(string, offset, maxLength) {
    const bytes = unwrap(this);
    if (typeof string !== "string") usage("hexWrite(string, offset, [maxLength])");
    if (string.length % 2 !== 0) throw new TypeErrorCtor("invalid hex string");
    const at = toUint32(offset);
    let size = toUint32(maxLength);
    const end = (at + size) >>> 0;
    if (at >= bytes.length) return 0;
    if (end < at || end > bytes.length) size = bytes.length - at;
    if (size === 0) return 0;
    const max = MathMin(MathFloor(string.length / 2), size);
    for (let i = 0; i < max; i++) {
      const a = hexDigit(call(StringCharCodeAt, string, 2 * i)), b = hexDigit(call(StringCharCodeAt, string, 2 * i + 1));
      if (a < 0 || b < 0) throw new TypeErrorCtor("invalid hex string");
      bytes[at + i] = a * 16 + b;
    }
    return max;
  },
  asciiWrite(string, offset, maxLength) { return oneByteWrite(this, string, offset, maxLength, "asciiWrite"); },
  binaryWrite(string, offset, maxLength) { return oneByteWrite(this, string, offset, maxLength, "binaryWrite"); },
  base64Write(string, offset, maxLength) {
    const bytes = unwrap(this);
    if (typeof string !== "string") usage("base64Write(<string>, <offset>, [<maxLength>])");
    const at = toInt32(offset);
    const max = MathMin(utf8Length(string), MathMin(bytes.length - at, maxLength === undefined ? bytes.length - at : toUint32(maxLength)));
    if (max && (at < 0 || at >= bytes.length)) throw new TypeErrorCtor("<offset> is out of bounds");
    let k = 0, quad = 0, have = 0;
    for (let i = 0; i < string.length && k < max; i++) {
      const c = call(StringCharCodeAt, string, i);
      if (c === 61) break;  // '='
      const v = unbase64(c);
      if (v < 0) continue;
      quad = (quad << 6) | v;
      have++;
      if (have === 2) { bytes[at + k++] = (quad >> 4) & 0xff; }
      else if (have === 3) { bytes[at + k++] = (quad >> 2) & 0xff; }
      else if (have === 4) { bytes[at + k++] = quad & 0xff; have = 0; quad = 0; }
    }
    return k;
  },
  fill(value, start, end) {
    const bytes = unwrap(this);
    if (!isInt32(value)) usage("fill(<char>, <start>, <end>)");
    sliceArgs(bytes, start, end);
    for (let i = start; i < end; i++) bytes[i] = value & 0xff;
    return undefined;
  },
  copy(target, targetStart, sourceStart, sourceEnd) {
    const bytes = unwrap(this);
    const into = bytesOfSlow(target);
    if (into === undefined) fail(4, "invalid pointer value", 500);
    const ts = targetStart === undefined ? 0 : toUint32(targetStart);
    const ss = sourceStart === undefined ? 0 : toUint32(sourceStart);
    const se = sourceEnd === undefined ? bytes.length : toUint32(sourceEnd);
    if (se < ss) throw new RangeErrorCtor("sourceEnd < sourceStart");
    if (se === ss) return 0;
    if (ts >= into.length) throw new RangeErrorCtor("targetStart out of bounds");
    if (ss >= bytes.length) throw new RangeErrorCtor("sourceStart out of bounds");
    if (se > bytes.length) throw new RangeErrorCtor("sourceEnd out of bounds");
    const n = MathMin(se - ss, into.length - ts, bytes.length - ss);
    if (into === bytes && ts > ss) {
      for (let i = n - 1; i >= 0; i--) into[ts + i] = bytes[ss + i];
    } else {
      for (let i = 0; i < n; i++) into[ts + i] = bytes[ss + i];
    }
    return n;
  },
};
function hexDigit(c) {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}
function oneByteWrite(self, string, offset, maxLength, name) {  // asciiWrite, binaryWrite: the low byte of each unit
  const bytes = unwrap(self);
  if (typeof string !== "string") usage(name + "(<string>, <offset>, [<maxLength>])");
  const at = toInt32(offset);
  if (string.length > 0 && (at < 0 || at >= bytes.length)) throw new TypeErrorCtor("<offset> is out of bounds");
  const max = MathMin(string.length, MathMin(bytes.length - at, maxLength === undefined ? bytes.length - at : toUint32(maxLength)));
  for (let i = 0; i < max; i++) bytes[at + i] = call(StringCharCodeAt, string, i) & 0xff;
  return max;
}

// -- Buffer: buffer.js ---------------------------------------------------------------------------
function clampIndex(index, length, otherwise) {
  if (typeof index !== "number") return otherwise;
  let i = ~~index;
  if (i >= length) return length;
  if (i >= 0) return i;
  i += length;
  return i >= 0 ? i : 0;
}
const DIGITS = /^\d+$/;
const bufferHandler = {
  get(target, name) {
    if (name === "__buffer__") return true;
    if (typeof name === "string" && call(RegExpTest, DIGITS, name)) return target.parent[name];
    return target[name];
  },
  set(target, name, value) {
    if (typeof name === "string" && call(RegExpTest, DIGITS, name)) target.parent[name] = value;
    else target[name] = value;
    return true;
  },
};
function printBuffer(context) { context.output += "[Buffer, length: " + this.length + "]"; }
function isArrayIsh(subject) {
  return isArray(subject) || (subject && typeof subject === "object" && typeof subject.length === "number");
}
function Buffer(subject, encoding, offset) {
  if (!(this instanceof Buffer)) return new Buffer(subject, encoding, offset);
  if (typeof offset === "number") {  // a slice of a buffer
    if (!Buffer.isBuffer(subject)) throw new TypeErrorCtor("First argument must be a Buffer when slicing");
    this.length = +encoding > 0 ? MathCeil(encoding) : 0;
    this.parent = subject.parent ? subject.parent : subject;
    this.offset = offset;
    return new RealProxy(this, bufferHandler);
  }
  const type = typeof subject;
  if (type === "number") this.length = +subject > 0 ? MathCeil(subject) : 0;
  else if (type === "string") this.length = Buffer.byteLength(subject, encoding);
  else if (type === "object") this.length = +subject.length > 0 ? MathCeil(subject.length) : 0;
  else throw new TypeErrorCtor("First argument needs to be a number, array or string.");
  this.parent = new SlowBuffer(this.length);
  this.offset = 0;
  this._PRINT = function (context) { context.output += "[Buffer, length: " + this.length + "]"; };
  if (type === "string") {
    this.length = this.write(subject, 0, encoding);
  } else if (type !== "number") {
    if (Buffer.isBuffer(subject)) {
      if (subject.parent) subject.parent.copy(this.parent, this.offset, subject.offset, this.length + subject.offset);
      else subject.copy(this.parent, this.offset, 0, this.length);
    } else if (isArrayIsh(subject)) {
      for (let i = 0; i < this.length; i++) this.parent[i + this.offset] = subject[i];
    }
  }
  return new RealProxy(this, bufferHandler);
}
setPrototypeOf(SlowBuffer.prototype, Buffer.prototype);
for (const name of ownKeys(SLOW_NATIVES)) {
  defineProperty(SlowBuffer.prototype, name, { value: SLOW_NATIVES[name], writable: true, enumerable: false, configurable: true });
}
defineProperty(SlowBuffer, "byteLength", { value: { byteLength(s, e) { return byteLength(s, e); } }.byteLength,
  writable: true, enumerable: false, configurable: true });
function lowerEncoding(encoding) { return call(StringToLowerCase, str(encoding || "utf8")); }
function unknownEncoding(encoding) { throw new TypeErrorCtor("Unknown encoding: " + encoding); }
function sliceBy(holder, encoding, start, end) {  // the xSlice method of an encoding
  switch (encoding) {
    case "hex": return holder.hexSlice(start, end);
    case "utf8": case "utf-8": return holder.utf8Slice(start, end);
    case "ascii": return holder.asciiSlice(start, end);
    case "binary": return holder.binarySlice(start, end);
    case "base64": return holder.base64Slice(start, end);
    case "ucs2": case "ucs-2": case "utf16le": case "utf-16le": return holder.ucs2Slice(start, end);
    default: return unknownEncoding(encoding);
  }
}
function writeBy(holder, encoding, string, at, length) {  // the xWrite method of an encoding
  switch (encoding) {
    case "hex": return holder.hexWrite(string, at, length);
    case "utf8": case "utf-8": return holder.utf8Write(string, at, length);
    case "ascii": return holder.asciiWrite(string, at, length);
    case "binary": return holder.binaryWrite(string, at, length);
    case "base64": return holder.base64Write(string, at, length);
    case "ucs2": case "ucs-2": case "utf16le": case "utf-16le": return holder.ucs2Write(string, at, length);
    default: return unknownEncoding(encoding);
  }
}
// write(string, offset, length, encoding) and the legacy write(string, encoding, offset, length):
// [offset, length, encoding] as buffer.js settles them
function writeArgs(self, offset, length, encoding) {
  if (RealIsFinite(offset)) {
    if (!RealIsFinite(length)) { encoding = length; length = undefined; }
  } else {
    const swap = encoding;
    encoding = offset; offset = length; length = swap;
  }
  offset = +offset || 0;
  const remaining = self.length - offset;
  if (!length) length = remaining;
  else { length = +length; if (length > remaining) length = remaining; }
  return [offset, length, lowerEncoding(encoding)];
}
const SLOW_JS = {
  toString(encoding, start, end) {
    encoding = lowerEncoding(encoding);
    start = +start || 0;
    if (typeof end !== "number") end = this.length;
    if (+end == start) return "";  // eslint-disable-line eqeqeq
    return sliceBy(this, encoding, start, end);
  },
  write(string, offset, length, encoding) {
    const [at, n, enc] = writeArgs(this, offset, length, encoding);
    return writeBy(this, enc, string, at, n);
  },
  slice(start, end) {
    const length = this.length;
    start = clampIndex(start, length, 0);
    end = clampIndex(end, length, length);
    return new Buffer(this, end - start, start);
  },
  _PRINT: printBuffer,
};
for (const name of ownKeys(SLOW_JS)) {
  defineProperty(SlowBuffer.prototype, name, { value: SLOW_JS[name], writable: true, enumerable: true, configurable: true });
}
function checkOffset(offset, ext, length) {
  if ((offset % 1) !== 0 || offset < 0) throw new RangeErrorCtor("offset is not uint");
  if (offset + ext > length) throw new RangeErrorCtor("Trying to access beyond buffer length");
}
function checkInt(buffer, value, offset, ext, max, min) {
  if ((value % 1) !== 0 || value > max || value < min) throw new TypeErrorCtor("value is out of bounds");
  if ((offset % 1) !== 0 || offset < 0) throw new TypeErrorCtor("offset is not uint");
  if (offset + ext > buffer.length || buffer.length + offset < 0) throw new RangeErrorCtor("Trying to write outside buffer length");
}
// unsigned reads and writes through the buffer's indexing (so from the parent's start: see above)
function readUnsigned(buffer, offset, size, bigEndian) {
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + buffer[offset + (bigEndian ? i : size - 1 - i)];
  return value;
}
function writeUnsigned(buffer, value, offset, size, bigEndian) {
  for (let i = 0; i < size; i++) buffer[offset + (bigEndian ? size - 1 - i : i)] = (value >>> (8 * i)) & 0xff;
}
const BUFFER_METHODS = {
  inspect() {
    const out = [], length = this.length;
    for (let i = 0; i < length; i++) {
      const b = this[i];
      out[i] = b < 16 ? "0" + b.toString(16) : b.toString(16);
      if (i == 50) { out[i + 1] = "..."; break; }  // exports.INSPECT_MAX_BYTES  eslint-disable-line eqeqeq
    }
    return "<" + this.constructor.name + " " + call(ArrayJoin, out, " ") + ">";
  },
  get(offset) {
    if (offset < 0 || offset >= this.length) throw new RangeErrorCtor("offset is out of bounds");
    return this.parent[this.offset + offset];
  },
  set(offset, v) {
    if (offset < 0 || offset >= this.length) throw new RangeErrorCtor("offset is out of bounds");
    return (this.parent[this.offset + offset] = v);
  },
  write(string, offset, length, encoding) {
    const [at, n, enc] = writeArgs(this, offset, length, encoding);
    return writeBy(this.parent, enc, string, this.offset + at, n);
  },
  toJSON() {
    if (this.parent) return call(ArraySlice, this.parent, this.offset, this.offset + this.length);
    return call(ArraySlice, this, 0);
  },
  toString(encoding, start, end) {
    encoding = lowerEncoding(encoding);
    if (typeof start !== "number" || start < 0) start = 0;
    else if (start > this.length) start = this.length;
    if (typeof end !== "number" || end > this.length) end = this.length;
    else if (end < 0) end = 0;
    return sliceBy(this.parent, encoding, start + this.offset, end + this.offset);
  },
  fill(value, start, end) {
    value || (value = 0);
    start || (start = 0);
    end || (end = this.length);
    if (typeof value === "string") value = call(StringCharCodeAt, value, 0);
    if (typeof value !== "number" || RealIsNaN(value)) throw new TypeErrorCtor("value is not a number");
    if (end < start) throw new RangeErrorCtor("end < start");
    if (end === start) return 0;
    if (this.length == 0) return 0;  // eslint-disable-line eqeqeq
    if (start < 0 || start >= this.length) throw new RangeErrorCtor("start out of bounds");
    if (end < 0 || end > this.length) throw new RangeErrorCtor("end out of bounds");
    return this.parent.fill(value, start + this.offset, end + this.offset);
  },
  copy(target, targetStart, start, end) {
    if (!(targetStart >= 0)) targetStart = 0;
    if (!(start >= 0)) start = 0;
    if (!(end < this.length)) end = this.length;
    if (end === start || target.length === 0 || this.length === 0 || start > this.length) return 0;
    if (end < start) throw new RangeErrorCtor("sourceEnd < sourceStart");
    if (targetStart >= target.length) throw new RangeErrorCtor("targetStart out of bounds");
    if (target.length - targetStart < end - start) end = target.length - targetStart + start;
    return this.parent.copy(target.parent || target, targetStart + (target.offset || 0), start + this.offset, end + this.offset);
  },
  slice(start, end) {
    const length = this.length;
    start = clampIndex(start, length, 0);
    end = clampIndex(end, length, length);
    return new Buffer(this.parent, end - start, start + this.offset);
  },
  utf8Slice(start, end) { return this.toString("utf8", start, end); },
  binarySlice(start, end) { return this.toString("binary", start, end); },
  asciiSlice(start, end) { return this.toString("ascii", start, end); },
  utf8Write(string, offset) { return this.write(string, offset, "utf8"); },
  binaryWrite(string, offset) { return this.write(string, offset, "binary"); },
  asciiWrite(string, offset) { return this.write(string, offset, "ascii"); },
  readUInt8(offset, noAssert) { if (!noAssert) checkOffset(offset, 1, this.length); return this[offset]; },
  readUInt16LE(offset, noAssert) { if (!noAssert) checkOffset(offset, 2, this.length); return readUnsigned(this, offset, 2, false); },
  readUInt16BE(offset, noAssert) { if (!noAssert) checkOffset(offset, 2, this.length); return readUnsigned(this, offset, 2, true); },
  readUInt32LE(offset, noAssert) { if (!noAssert) checkOffset(offset, 4, this.length); return readUnsigned(this, offset, 4, false); },
  readUInt32BE(offset, noAssert) { if (!noAssert) checkOffset(offset, 4, this.length); return readUnsigned(this, offset, 4, true); },
  readInt8(offset, noAssert) {
    if (!noAssert) checkOffset(offset, 1, this.length);
    const v = this[offset];
    return v & 0x80 ? v - 0x100 : v;
  },
  readInt16LE(offset, noAssert) { if (!noAssert) checkOffset(offset, 2, this.length); return signed(readUnsigned(this, offset, 2, false), 2); },
  readInt16BE(offset, noAssert) { if (!noAssert) checkOffset(offset, 2, this.length); return signed(readUnsigned(this, offset, 2, true), 2); },
  // (buffer.js checks 2 bytes, not 4, for the 32-bit signed reads)
  readInt32LE(offset, noAssert) { if (!noAssert) checkOffset(offset, 2, this.length); return signed(readUnsigned(this, offset, 4, false), 4); },
  readInt32BE(offset, noAssert) { if (!noAssert) checkOffset(offset, 2, this.length); return signed(readUnsigned(this, offset, 4, true), 4); },
  writeUInt8(value, offset, noAssert) { if (!noAssert) checkInt(this, value, offset, 1, 0xff, 0); this[offset] = value; },
  writeUInt16LE(value, offset, noAssert) { if (!noAssert) checkInt(this, value, offset, 2, 0xffff, 0); writeUnsigned(this, value, offset, 2, false); },
  writeUInt16BE(value, offset, noAssert) { if (!noAssert) checkInt(this, value, offset, 2, 0xffff, 0); writeUnsigned(this, value, offset, 2, true); },
  writeUInt32LE(value, offset, noAssert) { if (!noAssert) checkInt(this, value, offset, 4, 0xffffffff, 0); writeUnsigned(this, value, offset, 4, false); },
  writeUInt32BE(value, offset, noAssert) { if (!noAssert) checkInt(this, value, offset, 4, 0xffffffff, 0); writeUnsigned(this, value, offset, 4, true); },
  writeInt8(value, offset, noAssert) {
    if (!noAssert) checkInt(this, value, offset, 1, 0x7f, -0x80);
    if (value < 0) value = 0xff + value + 1;
    this[offset] = value;
  },
  writeInt16LE(value, offset, noAssert) { writeSigned(this, value, offset, noAssert, 2, false); },
  writeInt16BE(value, offset, noAssert) { writeSigned(this, value, offset, noAssert, 2, true); },
  writeInt32LE(value, offset, noAssert) { writeSigned(this, value, offset, noAssert, 4, false); },
  writeInt32BE(value, offset, noAssert) { writeSigned(this, value, offset, noAssert, 4, true); },
};
function signed(value, size) {
  const top = size === 2 ? 0x8000 : 0x80000000;
  return value & top ? value - top * 2 : value;
}
function writeSigned(buffer, value, offset, noAssert, size, bigEndian) {
  const max = size === 2 ? 0x7fff : 0x7fffffff;
  if (!noAssert) checkInt(buffer, value, offset, size, max, -max - 1);
  if (value < 0) value = max * 2 + 1 + value + 1;
  writeUnsigned(buffer, value, offset, size, bigEndian);
}
for (const name of ["readFloatLE", "readFloatBE", "readDoubleLE", "readDoubleBE",
  "writeFloatLE", "writeFloatBE", "writeDoubleLE", "writeDoubleBE"]) {
  BUFFER_METHODS[name] = { [name]() { unsupported("Buffer.prototype." + name); } }[name];
}
defineProperty(Buffer.prototype, "__buffer__", { value: true, writable: true, enumerable: true, configurable: true });
for (const name of ownKeys(BUFFER_METHODS)) {
  defineProperty(Buffer.prototype, name, { value: BUFFER_METHODS[name], writable: true, enumerable: true, configurable: true });
}
const BUFFER_STATICS = {
  isEncoding(encoding) {
    switch (encoding && encoding.toLowerCase()) {
      case "hex": case "utf8": case "utf-8": case "ascii": case "binary": case "base64": case "ucs2": case "ucs-2":
      case "utf16le": case "utf-16le": case "raw":
        return true;
      default:
        return false;
    }
  },
  poolSize: 8 * 1024,
  isBuffer(b) { return b instanceof Buffer; },
  byteLength: SlowBuffer.byteLength,
  concat(list, length) {
    if (!isArray(list)) throw new TypeErrorCtor("Usage: Buffer.concat(list, [length])");
    if (list.length === 0) return new Buffer(0);
    if (list.length === 1) return list[0];
    if (typeof length !== "number") {
      length = 0;
      for (let i = 0; i < list.length; i++) length += list[i].length;
    }
    const buffer = new Buffer(length);
    let pos = 0;
    for (let i = 0; i < list.length; i++) {
      list[i].copy(buffer, pos);
      pos += list[i].length;
    }
    return buffer;
  },
};
for (const name of ownKeys(BUFFER_STATICS)) Buffer[name] = BUFFER_STATICS[name];
// require('buffer'): { INSPECT_MAX_BYTES, SlowBuffer, Buffer }
const bufferModule = { INSPECT_MAX_BYTES: 50, SlowBuffer, Buffer };
