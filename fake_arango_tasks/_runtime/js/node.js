// -- node: the Node.js core modules ArangoDB 3.12 ships (path, querystring, util, events, assert,
// punycode, url) ------------------------------------------------------------------------------
// ArangoDB's require (js/common/bootstrap/modules.js, after Node 4.1's lib/module.js) answers the
// "native" modules defined at bootstrap (js/common/bootstrap/modules/*.js: path, events, assert,
// buffer, process, ...) and looks everything else up in its module paths, js/node/ among them
// (js/node/util.js, querystring.js, url.js, punycode.js). Those files are Node's lib of the
// 4.x/5.x era (MIT), with ArangoDB's changes; what follows ports them, keeping their results
// (messages included), with the prelude's captured built-ins. Each module is its own closure (no names leak into the
// prelude's). What ArangoDB's copies have and the fake leaves out throws ArangoError 9.
const StringSubstr = String.prototype.substr;
const StringSubstring = String.prototype.substring;
const StringIndexOf = String.prototype.indexOf;
const StringMatch = String.prototype.match;
const ArrayPop = Array.prototype.pop;
const ArrayConcat = Array.prototype.concat;
const ArrayFilter = Array.prototype.filter;
const ArrayForEach = Array.prototype.forEach;
const ArrayReduce = Array.prototype.reduce;
const RealArray = Array;
const RealNumber = Number;
const RealDecodeURIComponent = decodeURIComponent;
const getOwnPropertyNames = Object.getOwnPropertyNames;
const ObjectToString = Object.prototype.toString;
const RegExpToString = RegExp.prototype.toString;
const DateToString = RealDate.prototype.toString;
const DateToUTCString = RealDate.prototype.toUTCString;
const ErrorToString = ErrorCtor.prototype.toString;
const SymbolToString = Symbol.prototype.toString;

// -- path: js/common/bootstrap/modules/path.js (Node 4.x's lib/path.js) -------------------------
// The module is path.posix (arangod on Linux); path.win32 is there, its functions ArangoError 9
// (only sep and delimiter are given). resolve() and relative() call the global process's cwd()
// for a relative path, as path.js does: in a hardened server (and so in the fake) process.cwd is
// refused, ArangoError 11 "not allowed to provide this information"; absolute paths need no cwd.
const pathModule = (() => {
  function assertPath(path) {
    if (typeof path !== "string") throw new TypeErrorCtor(`Path must be a string. Received ${path}`);
  }
  function cwd() {
    if (!("process" in g)) throw new ReferenceError("process is not defined");
    return g.process.cwd();
  }
  function normalizeArray(parts, allowAboveRoot) {
    const res = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (!p || p === ".") continue;
      if (p === "..") {
        if (res.length && res[res.length - 1] !== "..") call(ArrayPop, res);
        else if (allowAboveRoot) push(res, "..");
      } else {
        push(res, p);
      }
    }
    return res;
  }
  function trimArray(arr) {
    const lastIndex = arr.length - 1;
    let start = 0;
    for (; start <= lastIndex; start++) if (arr[start]) break;
    let end = lastIndex;
    for (; end >= 0; end--) if (arr[end]) break;
    if (start === 0 && end === lastIndex) return arr;
    if (start > end) return [];
    return call(ArraySlice, arr, start, end + 1);
  }
  const splitPathRe = /^(\/?|)([\s\S]*?)((?:\.{1,2}|[^\/]+?|)(\.[^.\/]*|))(?:[\/]*)$/;
  const splitPath = (filename) => call(ArraySlice, call(RegExpExec, splitPathRe, filename), 1);
  const join = (parts, sep) => call(ArrayJoin, parts, sep);
  const split = (s, sep) => call(StringSplit, s, sep);
  const posix = {};
  posix.resolve = function resolve() {
    let resolvedPath = "";
    let resolvedAbsolute = false;
    for (let i = arguments.length - 1; i >= -1 && !resolvedAbsolute; i--) {
      const path = i >= 0 ? arguments[i] : cwd();
      assertPath(path);
      if (path === "") continue;
      resolvedPath = path + "/" + resolvedPath;
      resolvedAbsolute = path[0] === "/";
    }
    resolvedPath = join(normalizeArray(split(resolvedPath, "/"), !resolvedAbsolute), "/");
    return ((resolvedAbsolute ? "/" : "") + resolvedPath) || ".";
  };
  posix.normalize = function normalize(path) {
    assertPath(path);
    const isAbsolute = posix.isAbsolute(path);
    const trailingSlash = path && path[path.length - 1] === "/";
    path = join(normalizeArray(split(path, "/"), !isAbsolute), "/");
    if (!path && !isAbsolute) path = ".";
    if (path && trailingSlash) path += "/";
    return (isAbsolute ? "/" : "") + path;
  };
  posix.isAbsolute = function isAbsolute(path) {
    assertPath(path);
    return !!path && path[0] === "/";
  };
  posix.join = function join() {
    let path = "";
    for (let i = 0; i < arguments.length; i++) {
      const segment = arguments[i];
      assertPath(segment);
      if (segment) path += path ? "/" + segment : segment;
    }
    return posix.normalize(path);
  };
  posix.relative = function relative(from, to) {
    assertPath(from);
    assertPath(to);
    from = call(StringSubstr, posix.resolve(from), 1);
    to = call(StringSubstr, posix.resolve(to), 1);
    const fromParts = trimArray(split(from, "/"));
    const toParts = trimArray(split(to, "/"));
    const length = MathMin(fromParts.length, toParts.length);
    let samePartsLength = length;
    for (let i = 0; i < length; i++) {
      if (fromParts[i] !== toParts[i]) {
        samePartsLength = i;
        break;
      }
    }
    let outputParts = [];
    for (let i = samePartsLength; i < fromParts.length; i++) push(outputParts, "..");
    outputParts = call(ArrayConcat, outputParts, call(ArraySlice, toParts, samePartsLength));
    return join(outputParts, "/");
  };
  posix._makeLong = function (path) { return path; };
  posix.dirname = function dirname(path) {
    const result = splitPath(path);
    const root = result[0];
    let dir = result[1];
    if (!root && !dir) return ".";
    if (dir) dir = call(StringSubstr, dir, 0, dir.length - 1);
    return root + dir;
  };
  posix.basename = function basename(path, ext) {
    if (ext !== undefined && typeof ext !== "string") throw new TypeErrorCtor("ext must be a string");
    let f = splitPath(path)[2];
    if (ext && call(StringSubstr, f, -1 * ext.length) === ext) f = call(StringSubstr, f, 0, f.length - ext.length);
    return f;
  };
  posix.extname = function extname(path) { return splitPath(path)[3]; };
  posix.format = function format(pathObject) {
    if (pathObject === null || typeof pathObject !== "object") {
      throw new TypeErrorCtor("Parameter 'pathObject' must be an object, not " + typeof pathObject);
    }
    const root = pathObject.root || "";
    if (typeof root !== "string") {
      throw new TypeErrorCtor("'pathObject.root' must be a string or undefined, not " + typeof pathObject.root);
    }
    const dir = pathObject.dir ? pathObject.dir + posix.sep : "";
    const base = pathObject.base || "";
    return dir + base;
  };
  posix.parse = function parse(pathString) {
    assertPath(pathString);
    const allParts = splitPath(pathString);
    return {
      root: allParts[0],
      dir: allParts[0] + call(StringSlice, allParts[1], 0, -1),
      base: allParts[2],
      ext: allParts[3],
      name: call(StringSlice, allParts[2], 0, allParts[2].length - allParts[3].length),
    };
  };
  posix.sep = "/";
  posix.delimiter = ":";
  const win32 = {};
  for (const name of ["resolve", "normalize", "isAbsolute", "join", "relative", "_makeLong", "dirname", "basename",
    "extname", "format", "parse"]) {
    win32[name] = ({ [name]() { unsupported("path.win32." + name); } })[name];
  }
  win32.sep = "\\";
  win32.delimiter = ";";
  posix.posix = posix;
  posix.win32 = win32;
  return posix;
})();

// -- querystring: js/node/querystring.js (Node 4.x's lib/querystring.js) -------------------------
// unescape tries decodeURIComponent and falls back to unescapeBuffer (ArangoDB's Buffer), as there.
const querystringModule = (() => {
  const QueryString = {};
  const charCode = (c) => call(StringCharCodeAt, c, 0);
  QueryString.unescapeBuffer = function (s, decodeSpaces) {
    const out = new Buffer(s.length);
    let state = "CHAR";  // states: CHAR, HEX0, HEX1
    let n, m, hexchar;
    let outIndex = 0;
    for (let inIndex = 0; inIndex <= s.length; inIndex++) {
      let c = call(StringCharCodeAt, s, inIndex);
      switch (state) {
        case "CHAR":
          switch (c) {
            case charCode("%"):
              n = 0;
              m = 0;
              state = "HEX0";
              break;
            case charCode("+"):
              if (decodeSpaces) c = charCode(" ");
              // falls through
            default:
              out[outIndex++] = c;
              break;
          }
          break;
        case "HEX0":
          state = "HEX1";
          hexchar = c;
          if (charCode("0") <= c && c <= charCode("9")) {
            n = c - charCode("0");
          } else if (charCode("a") <= c && c <= charCode("f")) {
            n = c - charCode("a") + 10;
          } else if (charCode("A") <= c && c <= charCode("F")) {
            n = c - charCode("A") + 10;
          } else {
            out[outIndex++] = charCode("%");
            out[outIndex++] = c;
            state = "CHAR";
            break;
          }
          break;
        case "HEX1":
          state = "CHAR";
          if (charCode("0") <= c && c <= charCode("9")) {
            m = c - charCode("0");
          } else if (charCode("a") <= c && c <= charCode("f")) {
            m = c - charCode("a") + 10;
          } else if (charCode("A") <= c && c <= charCode("F")) {
            m = c - charCode("A") + 10;
          } else {
            out[outIndex++] = charCode("%");
            out[outIndex++] = hexchar;
            out[outIndex++] = c;
            break;
          }
          out[outIndex++] = 16 * n + m;
          break;
      }
    }
    return out.slice(0, outIndex - 1);
  };
  QueryString.unescape = function (s, decodeSpaces) {
    try {
      return RealDecodeURIComponent(s);
    } catch (e) {
      return QueryString.unescapeBuffer(s, decodeSpaces).toString();
    }
  };
  const hexTable = new RealArray(256);
  for (let i = 0; i < 256; ++i) {
    hexTable[i] = "%" + call(StringToUpperCase, (i < 16 ? "0" : "") + call(NumberToString, i, 16));
  }
  QueryString.escape = function (s) {
    s = "" + s;
    const len = s.length;
    let out = "";
    if (len === 0) return s;
    for (let i = 0; i < len; ++i) {
      let c = call(StringCharCodeAt, s, i);
      // ! - . _ ~ ' ( ) * digits, upper and lower case letters
      if (c === 0x21 || c === 0x2D || c === 0x2E || c === 0x5F || c === 0x7E || (c >= 0x27 && c <= 0x2A) ||
          (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)) {
        out += s[i];
        continue;
      }
      if (c < 0x80) {
        out += hexTable[c];
        continue;
      }
      if (c < 0x800) {
        out += hexTable[0xC0 | (c >> 6)] + hexTable[0x80 | (c & 0x3F)];
        continue;
      }
      if (c < 0xD800 || c >= 0xE000) {
        out += hexTable[0xE0 | (c >> 12)] + hexTable[0x80 | ((c >> 6) & 0x3F)] + hexTable[0x80 | (c & 0x3F)];
        continue;
      }
      // surrogate pair (a lone one takes the next code unit, or NaN's 0, as Node 4's did)
      ++i;
      c = 0x10000 + (((c & 0x3FF) << 10) | (call(StringCharCodeAt, s, i) & 0x3FF));
      out += hexTable[0xF0 | (c >> 18)] + hexTable[0x80 | ((c >> 12) & 0x3F)] + hexTable[0x80 | ((c >> 6) & 0x3F)] +
        hexTable[0x80 | (c & 0x3F)];
    }
    return out;
  };
  const stringifyPrimitive = function (v) {
    if (typeof v === "string") return v;
    if (typeof v === "number" && NumberIsFinite(v)) return "" + v;
    if (typeof v === "boolean") return v ? "true" : "false";
    return "";
  };
  QueryString.stringify = QueryString.encode = function (obj, sep, eq, options) {
    sep = sep || "&";
    eq = eq || "=";
    let encode = QueryString.escape;
    if (options && typeof options.encodeURIComponent === "function") encode = options.encodeURIComponent;
    if (obj !== null && typeof obj === "object") {
      const keys = ObjectKeys(obj);
      const len = keys.length;
      const flast = len - 1;
      let fields = "";
      for (let i = 0; i < len; ++i) {
        const k = keys[i];
        const v = obj[k];
        const ks = encode(stringifyPrimitive(k)) + eq;
        if (isArray(v)) {
          const vlen = v.length;
          const vlast = vlen - 1;
          for (let j = 0; j < vlen; ++j) {
            fields += ks + encode(stringifyPrimitive(v[j]));
            if (j < vlast) fields += sep;
          }
          if (vlen && i < flast) fields += sep;
        } else {
          fields += ks + encode(stringifyPrimitive(v));
          if (i < flast) fields += sep;
        }
      }
      return fields;
    }
    return "";
  };
  function decodeStr(s, decoder) {
    try {
      return decoder(s);
    } catch (e) {
      return QueryString.unescape(s, true);
    }
  }
  QueryString.parse = QueryString.decode = function (qs, sep, eq, options) {
    sep = sep || "&";
    eq = eq || "=";
    const obj = {};
    if (typeof qs !== "string" || qs.length === 0) return obj;
    const regexp = /\+/g;
    qs = call(StringSplit, qs, sep);
    let maxKeys = 1000;
    if (options && typeof options.maxKeys === "number") maxKeys = options.maxKeys;
    let len = qs.length;
    if (maxKeys > 0 && len > maxKeys) len = maxKeys;  // maxKeys <= 0: no limit
    let decode = QueryString.unescape;
    if (options && typeof options.decodeURIComponent === "function") decode = options.decodeURIComponent;
    const keys = [];
    for (let i = 0; i < len; ++i) {
      const x = call(StringReplace, qs[i], regexp, "%20");
      const idx = call(StringIndexOf, x, eq);
      let k, v;
      if (idx >= 0) {
        k = decodeStr(call(StringSubstring, x, 0, idx), decode);
        v = decodeStr(call(StringSubstring, x, idx + 1), decode);
      } else {
        k = decodeStr(x, decode);
        v = "";
      }
      if (call(ArrayIndexOf, keys, k) === -1) {
        obj[k] = v;
        push(keys, k);
      } else if (isArray(obj[k])) {
        push(obj[k], v);
      } else {
        obj[k] = [obj[k], v];
      }
    }
    return obj;
  };
  return QueryString;
})();

// -- util: js/node/util.js (ArangoDB's, "based on Node.js 4.1.0 /lib/util.js") -----------------
// format (%s %d %j %%; an object with a _PRINT, a Buffer, shows as ArangoDB prints it), inspect
// (Node 4.1's: strings single-quoted, constructor names, Map and Set, depth 2, 60-column lines,
// showHidden, customInspect, colors; ArangoDB's simpleJoi), deprecate (warns once, through
// console.warnLines), debuglog (a function that does nothing), log (console.log with a
// "2 Dec 06:48:23" local-time stamp, on the fake clock), inherits, _extend, the is* predicates
// and the deprecated p, print, puts, debug, error, pump; exec needs require('child_process'),
// which ArangoDB does not have (ArangoError 3100, as there). util.js is strict code.
const utilModule = (() => {
  const exports = {};
  const ArrayUnshift = Array.prototype.unshift;
  const SetForEach = Set.prototype.forEach;
  const MapForEach = Map.prototype.forEach;
  const SetSizeGet = getOwnPropertyDescriptor(Set.prototype, "size").get;
  const hasOwnProperty = (obj, prop) => call(hasOwn, obj, prop);
  const objectToString = (o) => call(ObjectToString, o);
  function deprecate(fn, msg) {
    let warned = false;
    return function () {
      if (!warned) {
        warned = true;
        console.warnLines(msg);
      }
      return apply(fn, this, arguments);
    };
  }
  function arangoPrint(obj) {
    const ctx = { output: "" };
    obj._PRINT(ctx);
    return ctx.output;
  }
  const formatRegExp = /%[sdj%]/g;
  exports.format = function (f) {
    if (typeof f !== "string") {
      const objects = [];
      for (let i = 0; i < arguments.length; i++) {
        if (arguments[i] && typeof arguments[i]._PRINT === "function") push(objects, arangoPrint(arguments[i]));
        else push(objects, inspect(arguments[i]));
      }
      return call(ArrayJoin, objects, " ");
    }
    if (arguments.length === 1) return f;
    let i = 1;
    const args = arguments;
    const len = args.length;
    let text = call(StringReplace, str(f), formatRegExp, function (x) {
      if (x === "%%") return "%";
      if (i >= len) return x;
      switch (x) {
        case "%s": return str(args[i++]);
        case "%d": return RealNumber(args[i++]);
        case "%j":
          try {
            return JSONstringify(args[i++]);
          } catch (_) {
            return "[Circular]";
          }
        default:
          return x;
      }
    });
    for (let x = args[i]; i < len; x = args[++i]) {
      if (x === null || (typeof x !== "object" && typeof x !== "symbol")) text += " " + x;
      else if (x && typeof x._PRINT === "function") text += " " + arangoPrint(x);
      else text += " " + inspect(x);
    }
    return text;
  };
  exports.deprecate = deprecate;
  exports.debuglog = function () { return function () {}; };

  function inspect(obj, opts) {
    const ctx = { seen: [], stylize: stylizeNoColor };
    if (arguments.length >= 3) ctx.depth = arguments[2];
    if (arguments.length >= 4) ctx.colors = arguments[3];
    if (typeof opts === "boolean") ctx.showHidden = opts;
    else if (opts) exports._extend(ctx, opts);
    if (ctx.showHidden === undefined) ctx.showHidden = false;
    if (ctx.depth === undefined) ctx.depth = 2;
    if (ctx.colors === undefined) ctx.colors = false;
    if (ctx.customInspect === undefined) ctx.customInspect = true;
    if (ctx.colors) ctx.stylize = stylizeWithColor;
    return formatValue(ctx, obj, ctx.depth);
  }
  exports.inspect = inspect;
  inspect.colors = {
    bold: [1, 22], italic: [3, 23], underline: [4, 24], inverse: [7, 27], white: [37, 39], grey: [90, 39],
    black: [30, 39], blue: [34, 39], cyan: [36, 39], green: [32, 39], magenta: [35, 39], red: [31, 39],
    yellow: [33, 39],
  };
  inspect.styles = {
    special: "cyan", number: "yellow", boolean: "yellow", undefined: "grey", null: "bold", string: "green",
    symbol: "green", date: "magenta", regexp: "red",
  };
  function stylizeWithColor(text, styleType) {
    const style = inspect.styles[styleType];
    if (style) return "\u001b[" + inspect.colors[style][0] + "m" + text + "\u001b[" + inspect.colors[style][1] + "m";
    return text;
  }
  function stylizeNoColor(text, styleType) { return text; }
  function arrayToHash(array) {
    const hash = {};
    call(ArrayForEach, array, function (val, idx) { hash[val] = true; });
    return hash;
  }
  function getConstructorOf(obj) {
    while (obj) {
      const descriptor = getOwnPropertyDescriptor(obj, "constructor");
      if (descriptor !== undefined && typeof descriptor.value === "function" && descriptor.value.name !== "") {
        return descriptor.value;
      }
      obj = getPrototypeOf(obj);
    }
    return null;
  }
  function formatValue(ctx, value, recurseTimes) {
    // a user-specified inspect function (not util's own, not on a prototype object)
    if (ctx.customInspect && value && typeof value.inspect === "function" && value.inspect !== exports.inspect &&
        !(value.constructor && value.constructor.prototype === value)) {
      let ret = value.inspect(recurseTimes, ctx);
      if (typeof ret !== "string") ret = formatValue(ctx, ret, recurseTimes);
      return ret;
    }
    const primitive = formatPrimitive(ctx, value);
    if (primitive) return primitive;
    let keys = ObjectKeys(value);
    const visibleKeys = arrayToHash(keys);
    if (ctx.showHidden) {
      keys = getOwnPropertyNames(value);
      keys = call(ArrayConcat, keys, getOwnPropertySymbols(value));
    }
    let formatted;
    let raw = value;
    try {
      if (!isDate(value)) raw = value.valueOf();
    } catch (e) {
      // ignore
    }
    if (typeof raw === "string") {
      keys = call(ArrayFilter, keys, function (key) { return !(key >= 0 && key < raw.length); });
    }
    if (keys.length === 0) {
      if (typeof value === "function") {
        const name = value.name ? ": " + value.name : "";
        return ctx.stylize("[Function" + name + "]", "special");
      }
      if (isRegExp(value)) return ctx.stylize(call(RegExpToString, value), "regexp");
      if (isDate(value)) return ctx.stylize(call(DateToString, value), "date");
      if (isError(value)) return formatError(value);
      if (typeof raw === "string") {
        formatted = formatPrimitiveNoColor(ctx, raw);
        return ctx.stylize("[String: " + formatted + "]", "string");
      }
      if (typeof raw === "number") {
        formatted = formatPrimitiveNoColor(ctx, raw);
        return ctx.stylize("[Number: " + formatted + "]", "number");
      }
      if (typeof raw === "boolean") {
        formatted = formatPrimitiveNoColor(ctx, raw);
        return ctx.stylize("[Boolean: " + formatted + "]", "boolean");
      }
    }
    let constructor = getConstructorOf(value);
    let base = "";
    let empty = false;
    let braces, formatter;
    if (isArray(value)) {
      if (constructor === RealArray) constructor = null;
      braces = ["[", "]"];
      empty = value.length === 0;
      formatter = formatArray;
    } else if (value instanceof RealSet) {
      braces = ["{", "}"];
      if (ctx.showHidden) call(ArrayUnshift, keys, "size");  // as `length` for arrays
      empty = value.size === 0;
      formatter = formatSet;
    } else if (value instanceof RealMap) {
      braces = ["{", "}"];
      if (ctx.showHidden) call(ArrayUnshift, keys, "size");
      empty = value.size === 0;
      formatter = formatMap;
    } else {
      if (constructor === Object) constructor = null;
      braces = ["{", "}"];
      empty = true;  // no other data than keys
      formatter = formatObject;
    }
    empty = empty === true && keys.length === 0;
    if (typeof value === "function") base = " [Function" + (value.name ? ": " + value.name : "") + "]";
    if (isRegExp(value)) base = " " + call(RegExpToString, value);
    if (isDate(value)) base = " " + call(DateToUTCString, value);
    if (isError(value)) base = " " + formatError(value);
    if (typeof raw === "string") base = " [String: " + formatPrimitiveNoColor(ctx, raw) + "]";
    if (typeof raw === "number") base = " [Number: " + formatPrimitiveNoColor(ctx, raw) + "]";
    if (typeof raw === "boolean") base = " [Boolean: " + formatPrimitiveNoColor(ctx, raw) + "]";
    if (ctx.simpleJoi && value && value.isJoi) return "[Schema: " + value._type + "]";
    if (!base && typeof value._PRINT === "function") base = " " + arangoPrint(value);
    if (base === "" && constructor) braces[0] = constructor.name + " " + braces[0];
    if (empty === true) return braces[0] + base + braces[1];
    if (recurseTimes < 0) {
      if (isRegExp(value)) return ctx.stylize(call(RegExpToString, value), "regexp");
      return ctx.stylize("[Object]", "special");
    }
    push(ctx.seen, value);
    const output = formatter(ctx, value, recurseTimes, visibleKeys, keys);
    call(ArrayPop, ctx.seen);
    return reduceToSingleString(output, base, braces);
  }
  function formatPrimitive(ctx, value) {
    if (value === undefined) return ctx.stylize("undefined", "undefined");
    if (value === null) return ctx.stylize("null", "null");
    const type = typeof value;
    if (type === "string") {
      let simple = call(StringReplace, JSONstringify(value), /^"|"$/g, "");
      simple = call(StringReplace, simple, /'/g, "\\'");
      simple = "'" + call(StringReplace, simple, /\\"/g, "\"") + "'";
      return ctx.stylize(simple, "string");
    }
    if (type === "number") {
      if (value === 0 && 1 / value < 0) return ctx.stylize("-0", "number");
      return ctx.stylize("" + value, "number");
    }
    if (type === "boolean") return ctx.stylize("" + value, "boolean");
    if (type === "symbol") return ctx.stylize(call(SymbolToString, value), "symbol");
  }
  function formatPrimitiveNoColor(ctx, value) {
    const stylize = ctx.stylize;
    ctx.stylize = stylizeNoColor;
    const text = formatPrimitive(ctx, value);
    ctx.stylize = stylize;
    return text;
  }
  function formatError(value) { return "[" + call(ErrorToString, value) + "]"; }
  function formatObject(ctx, value, recurseTimes, visibleKeys, keys) {
    return call(ArrayMap, keys, function (key) {
      return formatProperty(ctx, value, recurseTimes, visibleKeys, key, false);
    });
  }
  function formatArray(ctx, value, recurseTimes, visibleKeys, keys) {
    const output = [];
    for (let i = 0, l = value.length; i < l; ++i) {
      if (hasOwnProperty(value, str(i))) push(output, formatProperty(ctx, value, recurseTimes, visibleKeys, str(i), true));
      else push(output, "");
    }
    call(ArrayForEach, keys, function (key) {
      if (typeof key === "symbol" || !call(StringMatch, key, /^\d+$/)) {
        push(output, formatProperty(ctx, value, recurseTimes, visibleKeys, key, true));
      }
    });
    return output;
  }
  function formatSet(ctx, value, recurseTimes, visibleKeys, keys) {
    const output = [];
    call(SetForEach, value, function (v) {
      push(output, formatValue(ctx, v, recurseTimes === null ? null : recurseTimes - 1));
    });
    call(ArrayForEach, keys, function (key) {
      push(output, formatProperty(ctx, value, recurseTimes, visibleKeys, key, false));
    });
    return output;
  }
  function formatMap(ctx, value, recurseTimes, visibleKeys, keys) {
    const output = [];
    call(MapForEach, value, function (v, k) {
      const nextRecurseTimes = recurseTimes === null ? null : recurseTimes - 1;
      push(output, formatValue(ctx, k, nextRecurseTimes) + " => " + formatValue(ctx, v, nextRecurseTimes));
    });
    call(ArrayForEach, keys, function (key) {
      push(output, formatProperty(ctx, value, recurseTimes, visibleKeys, key, false));
    });
    return output;
  }
  const indent = (text, by) => call(ArrayJoin, call(ArrayMap, call(StringSplit, text, "\n"),
    function (line) { return by + line; }), "\n");
  function formatProperty(ctx, value, recurseTimes, visibleKeys, key, array) {
    let name, text;
    const desc = getOwnPropertyDescriptor(value, key) || { value: value[key] };
    if (desc.get) text = ctx.stylize(desc.set ? "[Getter/Setter]" : "[Getter]", "special");
    else if (desc.set) text = ctx.stylize("[Setter]", "special");
    if (!hasOwnProperty(visibleKeys, key)) {
      if (typeof key === "symbol") name = "[" + ctx.stylize(call(SymbolToString, key), "symbol") + "]";
      else name = "[" + key + "]";
    }
    if (!text) {
      if (call(ArrayIndexOf, ctx.seen, desc.value) < 0) {
        if (recurseTimes === null) text = formatValue(ctx, desc.value, null);
        else text = formatValue(ctx, desc.value, recurseTimes - 1);
        if (call(StringIndexOf, text, "\n") > -1) {
          if (array) text = call(StringSubstr, indent(text, "  "), 2);
          else text = "\n" + indent(text, "   ");
        }
      } else {
        text = ctx.stylize("[Circular]", "special");
      }
    }
    if (name === undefined) {
      if (array && call(StringMatch, key, /^\d+$/)) return text;
      name = JSONstringify("" + key);
      if (call(StringMatch, name, /^"([a-zA-Z_][a-zA-Z_0-9]*)"$/)) {
        name = ctx.stylize(call(StringSubstr, name, 1, name.length - 2), "name");
      } else {
        name = call(StringReplace, name, /'/g, "\\'");
        name = call(StringReplace, name, /\\"/g, "\"");
        name = call(StringReplace, name, /(^"|"$)/g, "'");
        name = call(StringReplace, name, /\\\\/g, "\\");
        name = ctx.stylize(name, "string");
      }
    }
    return name + ": " + text;
  }
  function reduceToSingleString(output, base, braces) {
    const length = call(ArrayReduce, output, function (prev, cur) {
      return prev + call(StringReplace, cur, /\u001b\[\d\d?m/g, "").length + 1;
    }, 0);
    if (length > 60) {
      // a long opening "brace" ("Set {") puts the first item on the next line
      return braces[0] + (base === "" && braces[0].length === 1 ? "" : base + "\n ") + " " +
        call(ArrayJoin, output, ",\n  ") + " " + braces[1];
    }
    return braces[0] + base + " " + call(ArrayJoin, output, ", ") + " " + braces[1];
  }
  const isBoolean = (arg) => typeof arg === "boolean";
  const isNull = (arg) => arg === null;
  const isNullOrUndefined = (arg) => arg === null || arg === undefined;
  const isNumber = (arg) => typeof arg === "number";
  const isString = (arg) => typeof arg === "string";
  const isSymbol = (arg) => typeof arg === "symbol";
  const isUndefined = (arg) => arg === undefined;
  const isRegExp = (re) => objectToString(re) === "[object RegExp]";
  const isObject = (arg) => arg !== null && typeof arg === "object";
  const isDate = (d) => objectToString(d) === "[object Date]";
  const isError = (e) => objectToString(e) === "[object Error]" || e instanceof ErrorCtor;
  const isFunction = (arg) => typeof arg === "function";
  const isPrimitive = (arg) => arg === null || typeof arg !== "object" && typeof arg !== "function";
  Object.assign(exports, { isBoolean, isNull, isNullOrUndefined, isNumber, isString, isSymbol, isUndefined, isRegExp,
    isObject, isDate, isError, isFunction, isPrimitive });
  exports.isArray = isArray;
  exports.isBuffer = Buffer.isBuffer;
  const pad = (n) => (n < 10 ? "0" + call(NumberToString, n, 10) : call(NumberToString, n, 10));
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function timestamp() {  // 26 Feb 16:19:34 (on the fake clock)
    const d = new FakeDate();
    const t = call(ArrayJoin, [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds())], ":");
    return call(ArrayJoin, [d.getDate(), months[d.getMonth()], t], " ");
  }
  exports.log = function () {
    console.log("%s - %s", timestamp(), apply(exports.format, exports, arguments));
  };
  exports.inherits = function (ctor, superCtor) {
    if (ctor === undefined || ctor === null) {
      throw new TypeErrorCtor("The constructor to `inherits` must not be null or undefined.");
    }
    if (superCtor === undefined || superCtor === null) {
      throw new TypeErrorCtor("The super constructor to `inherits` must not be null or undefined.");
    }
    if (superCtor.prototype === undefined) {
      throw new TypeErrorCtor("The super constructor to `inherits` must have a prototype.");
    }
    ctor.super_ = superCtor;
    ctor.prototype = ObjectCreate(superCtor.prototype, {
      constructor: { value: ctor, enumerable: false, writable: true, configurable: true },
    });
  };
  exports._extend = function (origin, add) {
    if (add === null || typeof add !== "object") return origin;
    const keys = ObjectKeys(add);
    let i = keys.length;
    while (i--) origin[keys[i]] = add[keys[i]];
    return origin;
  };
  // Deprecated old stuff.
  exports.p = deprecate(function () {
    for (let i = 0, len = arguments.length; i < len; ++i) console.error(exports.inspect(arguments[i]));
  }, "util.p is deprecated. Use console.error instead.");
  exports.exec = deprecate(function () {
    return apply(require("child_process").exec, this, arguments);
  }, "util.exec is deprecated. Use child_process.exec instead.");
  exports.print = deprecate(function () {
    for (let i = 0, len = arguments.length; i < len; ++i) g.process.stdout.write(str(arguments[i]));
  }, "util.print is deprecated. Use console.log instead.");
  exports.puts = deprecate(function () {
    for (let i = 0, len = arguments.length; i < len; ++i) g.process.stdout.write(arguments[i] + "\n");
  }, "util.puts is deprecated. Use console.log instead.");
  exports.debug = deprecate(function (x) {
    g.process.stderr.write("DEBUG: " + x + "\n");
  }, "util.debug is deprecated. Use console.error instead.");
  exports.error = deprecate(function (x) {
    for (let i = 0, len = arguments.length; i < len; ++i) g.process.stderr.write(arguments[i] + "\n");
  }, "util.error is deprecated. Use console.error instead.");
  exports.pump = deprecate(function (readStream, writeStream, cb) {
    let callbackCalled = false;
    function done(a, b, c) {
      if (cb && !callbackCalled) {
        cb(a, b, c);
        callbackCalled = true;
      }
    }
    readStream.addListener("data", function (chunk) {
      if (writeStream.write(chunk) === false) readStream.pause();
    });
    writeStream.addListener("drain", function () { readStream.resume(); });
    readStream.addListener("end", function () { writeStream.end(); });
    readStream.addListener("close", function () { done(); });
    readStream.addListener("error", function (err) {
      writeStream.end();
      done(err);
    });
    writeStream.addListener("error", function (err) {
      readStream.destroy();
      done(err);
    });
  }, "util.pump is deprecated. Use readableStream.pipe instead.");
  return exports;
})();

// -- events: js/common/bootstrap/modules/events.js (Node 5.x's lib/events.js) ----------------------
// require('events') is EventEmitter itself (and EventEmitter.EventEmitter). Its prototype holds
// data properties (domain, _events, _maxListeners: undefined) that every emitter assigns over, so
// EventEmitter and its prototype cannot be frozen (a frozen prototype's data property makes the
// instance's assignment fail): like Buffer they are changeable in a run and checked and restored
// after it (isolation.js); their functions are frozen. The "domain" module does not exist in
// ArangoDB: EventEmitter.usingDomains = true makes new emitters fail on require('domain').
const EventEmitter = (() => {
  let domain;
  function EventEmitter() {
    EventEmitter.init.call(this);
  }
  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.usingDomains = false;
  EventEmitter.prototype.domain = undefined;
  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype._maxListeners = undefined;
  EventEmitter.defaultMaxListeners = 10;
  EventEmitter.init = function () {
    this.domain = null;
    if (EventEmitter.usingDomains) {
      domain = domain || require("domain");
      if (domain.active && !(this instanceof domain.Domain)) this.domain = domain.active;
    }
    if (!this._events || this._events === getPrototypeOf(this)._events) {
      this._events = {};
      this._eventsCount = 0;
    }
    this._maxListeners = this._maxListeners || undefined;
  };
  EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
    if (typeof n !== "number" || n < 0 || RealIsNaN(n)) throw new TypeErrorCtor("n must be a positive number");
    this._maxListeners = n;
    return this;
  };
  function $getMaxListeners(that) {
    if (that._maxListeners === undefined) return EventEmitter.defaultMaxListeners;
    return that._maxListeners;
  }
  EventEmitter.prototype.getMaxListeners = function getMaxListeners() { return $getMaxListeners(this); };
  function arrayClone(arr, i) {
    const copy = new RealArray(i);
    while (i--) copy[i] = arr[i];
    return copy;
  }
  // (Node's emitNone/emitOne/.../emitMany, one function: each listener is called with the
  // arguments after the type, on a copy of the list taken before the first call)
  function emitAll(handler, isFn, self, args) {
    if (isFn) {
      apply(handler, self, args);
    } else {
      const len = handler.length;
      const listeners = arrayClone(handler, len);
      for (let i = 0; i < len; ++i) apply(listeners[i], self, args);
    }
  }
  EventEmitter.prototype.emit = function emit(type) {
    let er, events, domain;
    let needDomainExit = false;
    let doError = (type === "error");
    events = this._events;
    if (events) doError = (doError && events.error == null);
    else if (!doError) return false;
    domain = this.domain;
    if (doError) {  // no 'error' listener: throw
      er = arguments[1];
      if (domain) {
        if (!er) er = new ErrorCtor('Uncaught, unspecified "error" event.');
        er.domainEmitter = this;
        er.domain = domain;
        er.domainThrown = false;
        domain.emit("error", er);
      } else if (er instanceof ErrorCtor) {
        throw er;
      } else {
        const err = new ErrorCtor('Uncaught, unspecified "error" event. (' + er + ")");
        err.context = er;
        throw err;
      }
      return false;
    }
    const handler = events[type];
    if (!handler) return false;
    if (domain && this !== g.process) {
      domain.enter();
      needDomainExit = true;
    }
    const isFn = typeof handler === "function";
    const len = arguments.length;
    const args = new RealArray(len > 1 ? len - 1 : 0);
    for (let i = 1; i < len; i++) args[i - 1] = arguments[i];
    emitAll(handler, isFn, this, args);
    if (needDomainExit) domain.exit();
    return true;
  };
  EventEmitter.prototype.addListener = function addListener(type, listener) {
    let m, events, existing;
    if (typeof listener !== "function") throw new TypeErrorCtor("listener must be a function");
    events = this._events;
    if (!events) {
      events = this._events = {};
      this._eventsCount = 0;
    } else {
      // emit "newListener" before adding, so that a newListener listener does not see itself
      if (events.newListener) {
        this.emit("newListener", type, listener.listener ? listener.listener : listener);
        events = this._events;
      }
      existing = events[type];
    }
    if (!existing) {
      existing = events[type] = listener;
      ++this._eventsCount;
    } else {
      if (typeof existing === "function") existing = events[type] = [existing, listener];
      else existing.push(listener);
      if (!existing.warned) {  // listener leak
        m = $getMaxListeners(this);
        if (m && m > 0 && existing.length > m) {
          existing.warned = true;
          console.error("(node) warning: possible EventEmitter memory " +
                        "leak detected. %d %s listeners added. " +
                        "Use emitter.setMaxListeners() to increase limit.",
                        existing.length, type);
          console.trace();
        }
      }
    }
    return this;
  };
  EventEmitter.prototype.on = EventEmitter.prototype.addListener;
  EventEmitter.prototype.once = function once(type, listener) {
    if (typeof listener !== "function") throw new TypeErrorCtor("listener must be a function");
    let fired = false;
    function g() {
      this.removeListener(type, g);
      if (!fired) {
        fired = true;
        apply(listener, this, arguments);
      }
    }
    g.listener = listener;
    this.on(type, g);
    return this;
  };
  function spliceOne(list, index) {
    for (let i = index, k = i + 1, n = list.length; k < n; i += 1, k += 1) list[i] = list[k];
    list.pop();
  }
  EventEmitter.prototype.removeListener = function removeListener(type, listener) {
    let list, events, position, i;
    if (typeof listener !== "function") throw new TypeErrorCtor("listener must be a function");
    events = this._events;
    if (!events) return this;
    list = events[type];
    if (!list) return this;
    if (list === listener || (list.listener && list.listener === listener)) {
      if (--this._eventsCount === 0) {
        this._events = {};
      } else {
        delete events[type];
        if (events.removeListener) this.emit("removeListener", type, listener);
      }
    } else if (typeof list !== "function") {
      position = -1;
      for (i = list.length; i-- > 0;) {
        if (list[i] === listener || (list[i].listener && list[i].listener === listener)) {
          position = i;
          break;
        }
      }
      if (position < 0) return this;
      if (list.length === 1) {
        list[0] = undefined;
        if (--this._eventsCount === 0) {
          this._events = {};
          return this;
        } else {
          delete events[type];
        }
      } else {
        spliceOne(list, position);
      }
      if (events.removeListener) this.emit("removeListener", type, listener);
    }
    return this;
  };
  EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
    let listeners, events;
    events = this._events;
    if (!events) return this;
    if (!events.removeListener) {  // not listening for removeListener: no need to emit
      if (arguments.length === 0) {
        this._events = {};
        this._eventsCount = 0;
      } else if (events[type]) {
        if (--this._eventsCount === 0) this._events = {};
        else delete events[type];
      }
      return this;
    }
    if (arguments.length === 0) {  // emit removeListener for all listeners on all events
      const keys = ObjectKeys(events);
      for (let i = 0, key; i < keys.length; ++i) {
        key = keys[i];
        if (key === "removeListener") continue;
        this.removeAllListeners(key);
      }
      this.removeAllListeners("removeListener");
      this._events = {};
      this._eventsCount = 0;
      return this;
    }
    listeners = events[type];
    if (typeof listeners === "function") {
      this.removeListener(type, listeners);
    } else if (listeners) {
      do {  // LIFO order
        this.removeListener(type, listeners[listeners.length - 1]);
      } while (listeners[0]);
    }
    return this;
  };
  EventEmitter.prototype.listeners = function listeners(type) {
    let ret;
    const events = this._events;
    if (!events) {
      ret = [];
    } else {
      const evlistener = events[type];
      if (!evlistener) ret = [];
      else if (typeof evlistener === "function") ret = [evlistener];
      else ret = arrayClone(evlistener, evlistener.length);
    }
    return ret;
  };
  function listenerCount(type) {
    const events = this._events;
    if (events) {
      const evlistener = events[type];
      if (typeof evlistener === "function") return 1;
      else if (evlistener) return evlistener.length;
    }
    return 0;
  }
  EventEmitter.listenerCount = function (emitter, type) {
    if (typeof emitter.listenerCount === "function") return emitter.listenerCount(type);
    return call(listenerCount, emitter, type);
  };
  EventEmitter.prototype.listenerCount = listenerCount;
  return EventEmitter;
})();

// -- assert: js/common/bootstrap/modules/assert.js (CommonJS Unit Testing/1.0, from narwhal.js) ----
// Not Node's assert: AssertionError is a class whose message is the one given (no generated
// "1 == 2" message: toString() gives "AssertionError: 1 == 2" when there is none), deepEqual is
// the old loose one (== on primitives, the same keys, Buffers byte by byte, Dates by time, RegExps
// by source and flags, prototypes not compared but for a `prototype` property), and there is no
// deepStrictEqual, rejects or match. The module is ok itself: assert(value, message).
const assertModule = (() => {
  const ArraySort = Array.prototype.sort;
  const assert = ok;
  assert.AssertionError = class AssertionError extends ErrorCtor {
    constructor(options) {
      super(options.message);
      this.name = "AssertionError";
      this.actual = options.actual;
      this.expected = options.expected;
      this.operator = options.operator;
      const stackStartFunction = options.stackStartFunction || fail;
      if (ErrorCtor.captureStackTrace) ErrorCtor.captureStackTrace(this, stackStartFunction);
    }
    toString() {
      if (this.message) return call(ArrayJoin, [this.name + ":", this.message], " ");
      return call(ArrayJoin, [this.name + ":", truncate(JSONstringify(this.actual, replacer), 128), this.operator,
        truncate(JSONstringify(this.expected, replacer), 128)], " ");
    }
  };
  function replacer(key, value) {
    if (value === undefined) return "" + value;
    if (typeof value === "number" && (RealIsNaN(value) || !RealIsFinite(value))) return value.toString();
    if (typeof value === "function" || value instanceof RegExpCtor) return value.toString();
    return value;
  }
  function truncate(s, n) {
    if (typeof s == "string") return s.length < n ? s : call(StringSlice, s, 0, n);
    return s;
  }
  function fail(actual, expected, message, operator, stackStartFunction) {
    throw new assert.AssertionError({ message, actual, expected, operator, stackStartFunction });
  }
  assert.fail = fail;
  function ok(value, message) {
    if (!value) fail(value, true, message, "==", assert.ok);
  }
  assert.ok = ok;
  assert.equal = function equal(actual, expected, message) {
    if (actual != expected) fail(actual, expected, message, "==", assert.equal);
  };
  assert.notEqual = function notEqual(actual, expected, message) {
    if (actual == expected) fail(actual, expected, message, "!=", assert.notEqual);
  };
  assert.deepEqual = function deepEqual(actual, expected, message) {
    if (!_deepEqual(actual, expected)) fail(actual, expected, message, "deepEqual", assert.deepEqual);
  };
  function _deepEqual(actual, expected) {
    if (actual === expected) {
      return true;
    } else if (Buffer.isBuffer(actual) && Buffer.isBuffer(expected)) {
      if (actual.length != expected.length) return false;
      for (let i = 0; i < actual.length; i++) if (actual[i] !== expected[i]) return false;
      return true;
    } else if (actual instanceof RealDate && expected instanceof RealDate) {
      return actual.getTime() === expected.getTime();
    } else if (actual instanceof RegExpCtor && expected instanceof RegExpCtor) {
      return actual.source === expected.source && actual.global === expected.global &&
        actual.multiline === expected.multiline && actual.lastIndex === expected.lastIndex &&
        actual.ignoreCase === expected.ignoreCase;
    } else if (typeof actual != "object" && typeof expected != "object") {
      return actual == expected;
    } else {
      return objEquiv(actual, expected);
    }
  }
  const isUndefinedOrNull = (value) => value === null || value === undefined;
  const isArguments = (object) => call(ObjectToString, object) == "[object Arguments]";
  function objEquiv(a, b) {
    if (isUndefinedOrNull(a) || isUndefinedOrNull(b)) return false;
    if (a.prototype !== b.prototype) return false;
    if (isArguments(a)) {
      if (!isArguments(b)) return false;
      return _deepEqual(call(ArraySlice, a), call(ArraySlice, b));
    }
    let ka, kb;
    try {
      ka = ObjectKeys(a);
      kb = ObjectKeys(b);
    } catch (e) {  // one is a string literal and the other is not
      return false;
    }
    if (ka.length != kb.length) return false;
    call(ArraySort, ka);
    call(ArraySort, kb);
    for (let i = ka.length - 1; i >= 0; i--) if (ka[i] != kb[i]) return false;
    for (let i = ka.length - 1; i >= 0; i--) {
      const key = ka[i];
      if (!_deepEqual(a[key], b[key])) return false;
    }
    return true;
  }
  assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
    if (_deepEqual(actual, expected)) fail(actual, expected, message, "notDeepEqual", assert.notDeepEqual);
  };
  assert.strictEqual = function strictEqual(actual, expected, message) {
    if (actual !== expected) fail(actual, expected, message, "===", assert.strictEqual);
  };
  assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
    if (actual === expected) fail(actual, expected, message, "!==", assert.notStrictEqual);
  };
  function expectedException(actual, expected) {
    if (!actual || !expected) return false;
    if (call(ObjectToString, expected) === "[object RegExp]") return expected.test(actual);
    else if (actual instanceof expected) return true;
    else if (expected.call({}, actual) === true) return true;
    return false;
  }
  function _throws(shouldThrow, block, expected, message) {
    let actual;
    if (typeof expected === "string") {
      message = expected;
      expected = null;
    }
    try {
      block();
    } catch (e) {
      actual = e;
    }
    message = (expected && expected.name ? " (" + expected.name + ")." : ".") + (message ? " " + message : ".");
    if (shouldThrow && !actual) fail(actual, expected, "Missing expected exception" + message);
    if (!shouldThrow && expectedException(actual, expected)) fail(actual, expected, "Got unwanted exception" + message);
    if ((shouldThrow && actual && expected && !expectedException(actual, expected)) || (!shouldThrow && actual)) {
      throw actual;
    }
  }
  assert.throws = function (/* block, ?error, ?message */) {
    apply(_throws, this, call(ArrayConcat, [true], call(ArraySlice, arguments)));
  };
  assert.doesNotThrow = function (/* block, ?message */) {
    apply(_throws, this, call(ArrayConcat, [false], call(ArraySlice, arguments)));
  };
  assert.ifError = function (err) {
    if (err) throw err;
  };
  return assert;
})();

// -- punycode: js/node/punycode.js (Punycode.js 1.3.2, which Node 4.x bundles) --------------------
const punycodeModule = (() => {
  const maxInt = 2147483647;
  const base = 36, tMin = 1, tMax = 26, skew = 38, damp = 700, initialBias = 72, initialN = 128, delimiter = "-";
  const regexPunycode = /^xn--/;
  const regexNonASCII = /[^\x20-\x7E]/;
  const regexSeparators = /[\x2E\u3002\uFF0E\uFF61]/g;
  const errors = {
    "overflow": "Overflow: input needs wider integers to process",
    "not-basic": "Illegal input >= 0x80 (not a basic code point)",
    "invalid-input": "Invalid input",
  };
  const baseMinusTMin = base - tMin;
  const floor = MathFloor;
  const stringFromCharCode = StringFromCharCode;
  const ArraySplice = Array.prototype.splice;
  const StringLastIndexOf = String.prototype.lastIndexOf;
  function error(type) { throw new RangeErrorCtor(errors[type]); }
  function map(array, fn) {
    let length = array.length;
    const result = [];
    while (length--) result[length] = fn(array[length]);
    return result;
  }
  function mapDomain(string, fn) {
    const parts = call(StringSplit, string, "@");
    let result = "";
    if (parts.length > 1) {  // an email address: only the domain is converted
      result = parts[0] + "@";
      string = parts[1];
    }
    string = call(StringReplace, string, regexSeparators, "\x2E");
    const labels = call(StringSplit, string, ".");
    return result + call(ArrayJoin, map(labels, fn), ".");
  }
  function ucs2decode(string) {
    const output = [];
    let counter = 0;
    const length = string.length;
    while (counter < length) {
      const value = call(StringCharCodeAt, string, counter++);
      if (value >= 0xD800 && value <= 0xDBFF && counter < length) {
        const extra = call(StringCharCodeAt, string, counter++);
        if ((extra & 0xFC00) == 0xDC00) {
          push(output, ((value & 0x3FF) << 10) + (extra & 0x3FF) + 0x10000);
        } else {
          push(output, value);
          counter--;
        }
      } else {
        push(output, value);
      }
    }
    return output;
  }
  function ucs2encode(array) {
    return call(ArrayJoin, map(array, function (value) {
      let output = "";
      if (value > 0xFFFF) {
        value -= 0x10000;
        output += stringFromCharCode(value >>> 10 & 0x3FF | 0xD800);
        value = 0xDC00 | value & 0x3FF;
      }
      output += stringFromCharCode(value);
      return output;
    }), "");
  }
  function basicToDigit(codePoint) {
    if (codePoint - 48 < 10) return codePoint - 22;
    if (codePoint - 65 < 26) return codePoint - 65;
    if (codePoint - 97 < 26) return codePoint - 97;
    return base;
  }
  function digitToBasic(digit, flag) { return digit + 22 + 75 * (digit < 26) - ((flag != 0) << 5); }
  function adapt(delta, numPoints, firstTime) {
    let k = 0;
    delta = firstTime ? floor(delta / damp) : delta >> 1;
    delta += floor(delta / numPoints);
    for (; delta > baseMinusTMin * tMax >> 1; k += base) delta = floor(delta / baseMinusTMin);
    return floor(k + (baseMinusTMin + 1) * delta / (delta + skew));
  }
  function decode(input) {
    const output = [];
    const inputLength = input.length;
    let i = 0, n = initialN, bias = initialBias;
    let basic = call(StringLastIndexOf, input, delimiter);
    if (basic < 0) basic = 0;
    for (let j = 0; j < basic; ++j) {
      if (call(StringCharCodeAt, input, j) >= 0x80) error("not-basic");
      push(output, call(StringCharCodeAt, input, j));
    }
    for (let index = basic > 0 ? basic + 1 : 0; index < inputLength;) {
      const oldi = i;
      for (let w = 1, k = base; ; k += base) {
        if (index >= inputLength) error("invalid-input");
        const digit = basicToDigit(call(StringCharCodeAt, input, index++));
        if (digit >= base || digit > floor((maxInt - i) / w)) error("overflow");
        i += digit * w;
        const t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias);
        if (digit < t) break;
        const baseMinusT = base - t;
        if (w > floor(maxInt / baseMinusT)) error("overflow");
        w *= baseMinusT;
      }
      const out = output.length + 1;
      bias = adapt(i - oldi, out, oldi == 0);
      if (floor(i / out) > maxInt - n) error("overflow");
      n += floor(i / out);
      i %= out;
      call(ArraySplice, output, i++, 0, n);
    }
    return ucs2encode(output);
  }
  function encode(input) {
    const output = [];
    input = ucs2decode(input);
    const inputLength = input.length;
    let n = initialN, delta = 0, bias = initialBias;
    for (let j = 0; j < inputLength; ++j) if (input[j] < 0x80) push(output, stringFromCharCode(input[j]));
    let handledCPCount = output.length;
    const basicLength = handledCPCount;
    if (basicLength) push(output, delimiter);
    while (handledCPCount < inputLength) {
      let m = maxInt;
      for (let j = 0; j < inputLength; ++j) if (input[j] >= n && input[j] < m) m = input[j];
      const handledCPCountPlusOne = handledCPCount + 1;
      if (m - n > floor((maxInt - delta) / handledCPCountPlusOne)) error("overflow");
      delta += (m - n) * handledCPCountPlusOne;
      n = m;
      for (let j = 0; j < inputLength; ++j) {
        const currentValue = input[j];
        if (currentValue < n && ++delta > maxInt) error("overflow");
        if (currentValue == n) {
          let q = delta;
          for (let k = base; ; k += base) {
            const t = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias);
            if (q < t) break;
            const qMinusT = q - t;
            const baseMinusT = base - t;
            push(output, stringFromCharCode(digitToBasic(t + qMinusT % baseMinusT, 0)));
            q = floor(qMinusT / baseMinusT);
          }
          push(output, stringFromCharCode(digitToBasic(q, 0)));
          bias = adapt(delta, handledCPCountPlusOne, handledCPCount == basicLength);
          delta = 0;
          ++handledCPCount;
        }
      }
      ++delta;
      ++n;
    }
    return call(ArrayJoin, output, "");
  }
  function toUnicode(input) {
    return mapDomain(input, function (string) {
      return call(RegExpTest, regexPunycode, string) ? decode(call(StringToLowerCase, call(StringSlice, string, 4))) : string;
    });
  }
  function toASCII(input) {
    return mapDomain(input, function (string) {
      return call(RegExpTest, regexNonASCII, string) ? "xn--" + encode(string) : string;
    });
  }
  return { version: "1.3.2", ucs2: { decode: ucs2decode, encode: ucs2encode }, decode, encode, toASCII, toUnicode };
})();

// -- url: js/node/url.js (Node 4.x's lib/url.js, the legacy API: there is no URL class) ----------
// parse (with parseQueryString and slashesDenoteHost), format, resolve, resolveObject, Url. Kept as
// url.js is, but for the built-ins: the prelude's captured ones.
const urlModule = (() => {
  const punycode = punycodeModule;
  const querystring = querystringModule;
  const RealEscape = escape;
  const StringTrim = String.prototype.trim;
  const StringLastIndexOf = String.prototype.lastIndexOf;
  const StringCharAt = String.prototype.charAt;
  const ArrayShift = Array.prototype.shift;
  const ArrayUnshift = Array.prototype.unshift;
  const s = {  // string and array methods, as calls
    indexOf: (x, y, from) => call(StringIndexOf, x, y, from), split: (x, sep) => call(StringSplit, x, sep),
    substr: (x, a, b) => call(StringSubstr, x, a, b), slice: (x, a, b) => call(StringSlice, x, a, b),
    lastIndexOf: (x, y, from) => (from === undefined ? call(StringLastIndexOf, x, y) : call(StringLastIndexOf, x, y, from)),
    charAt: (x, i) => call(StringCharAt, x, i), match: (x, re) => call(StringMatch, x, re),
    join: (a, sep) => call(ArrayJoin, a, sep), shift: (a) => call(ArrayShift, a),
    unshift: (a, v) => call(ArrayUnshift, a, v), pop: (a) => call(ArrayPop, a),
  };
  function Url() {
    this.protocol = null;
    this.slashes = null;
    this.auth = null;
    this.host = null;
    this.port = null;
    this.hostname = null;
    this.hash = null;
    this.search = null;
    this.query = null;
    this.pathname = null;
    this.path = null;
    this.href = null;
  }
  const protocolPattern = /^([a-z0-9.+-]+:)/i;
  const portPattern = /:[0-9]*$/;
  const simplePathPattern = /^(\/\/?(?!\/)[^\?\s]*)(\?[^\s]*)?$/;
  const delims = ["<", ">", "\"", "`", " ", "\r", "\n", "\t"];
  const unwise = call(ArrayConcat, ["{", "}", "|", "\\", "^", "`"], delims);
  const autoEscape = call(ArrayConcat, ["'"], unwise);
  const nonHostChars = call(ArrayConcat, ["%", "/", "?", ";", "#"], autoEscape);
  const hostEndingChars = ["/", "?", "#"];
  const hostnameMaxLen = 255;
  const hostnamePartPattern = /^[+a-z0-9A-Z_-]{0,63}$/;
  const hostnamePartStart = /^([+a-z0-9A-Z_-]{0,63})(.*)$/;
  const unsafeProtocol = { "javascript": true, "javascript:": true };
  const hostlessProtocol = { "javascript": true, "javascript:": true };
  const slashedProtocol = {
    "http": true, "https": true, "ftp": true, "gopher": true, "file": true,
    "http:": true, "https:": true, "ftp:": true, "gopher:": true, "file:": true,
  };
  function urlParse(url, parseQueryString, slashesDenoteHost) {
    if (url instanceof Url) return url;
    const u = new Url();
    u.parse(url, parseQueryString, slashesDenoteHost);
    return u;
  }
  Url.prototype.parse = function (url, parseQueryString, slashesDenoteHost) {
    if (typeof url !== "string") throw new TypeErrorCtor("Parameter 'url' must be a string, not " + typeof url);
    // backslashes before the query string become forward slashes (as Chrome, IE and Opera do)
    const queryIndex = s.indexOf(url, "?");
    const splitter = (queryIndex !== -1 && queryIndex < s.indexOf(url, "#")) ? "?" : "#";
    const uSplit = s.split(url, splitter);
    uSplit[0] = call(StringReplace, uSplit[0], /\\/g, "/");
    url = s.join(uSplit, splitter);
    let rest = call(StringTrim, url);
    if (!slashesDenoteHost && s.split(url, "#").length === 1) {  // the fast path: a simple path
      const simplePath = call(RegExpExec, simplePathPattern, rest);
      if (simplePath) {
        this.path = rest;
        this.href = rest;
        this.pathname = simplePath[1];
        if (simplePath[2]) {
          this.search = simplePath[2];
          this.query = parseQueryString ? querystring.parse(s.substr(this.search, 1)) : s.substr(this.search, 1);
        } else if (parseQueryString) {
          this.search = "";
          this.query = {};
        }
        return this;
      }
    }
    let proto = call(RegExpExec, protocolPattern, rest);
    let lowerProto;
    if (proto) {
      proto = proto[0];
      lowerProto = call(StringToLowerCase, proto);
      this.protocol = lowerProto;
      rest = s.substr(rest, proto.length);
    }
    // user@server is always a hostname; //foo/bar is host foo, path bar
    let slashes;
    if (slashesDenoteHost || proto || s.match(rest, /^\/\/[^@\/]+@[^@\/]+/)) {
      slashes = s.substr(rest, 0, 2) === "//";
      if (slashes && !(proto && hostlessProtocol[proto])) {
        rest = s.substr(rest, 2);
        this.slashes = true;
      }
    }
    if (!hostlessProtocol[proto] && (slashes || (proto && !slashedProtocol[proto]))) {
      // there is a hostname: the first of / ? # ends it; the last @ before that ends the auth
      let hostEnd = -1;
      for (let i = 0; i < hostEndingChars.length; i++) {
        const hec = s.indexOf(rest, hostEndingChars[i]);
        if (hec !== -1 && (hostEnd === -1 || hec < hostEnd)) hostEnd = hec;
      }
      const atSign = hostEnd === -1 ? s.lastIndexOf(rest, "@") : s.lastIndexOf(rest, "@", hostEnd);
      if (atSign !== -1) {
        const auth = s.slice(rest, 0, atSign);
        rest = s.slice(rest, atSign + 1);
        this.auth = RealDecodeURIComponent(auth);
      }
      hostEnd = -1;
      for (let i = 0; i < nonHostChars.length; i++) {
        const hec = s.indexOf(rest, nonHostChars[i]);
        if (hec !== -1 && (hostEnd === -1 || hec < hostEnd)) hostEnd = hec;
      }
      if (hostEnd === -1) hostEnd = rest.length;
      this.host = s.slice(rest, 0, hostEnd);
      rest = s.slice(rest, hostEnd);
      this.parseHost();
      this.hostname = this.hostname || "";
      const ipv6Hostname = this.hostname[0] === "[" && this.hostname[this.hostname.length - 1] === "]";
      if (!ipv6Hostname) {
        const hostparts = s.split(this.hostname, /\./);
        for (let i = 0, l = hostparts.length; i < l; i++) {
          const part = hostparts[i];
          if (!part) continue;
          if (!s.match(part, hostnamePartPattern)) {
            let newpart = "";
            for (let j = 0, k = part.length; j < k; j++) {
              // a non-ASCII character counts as one placeholder character
              newpart += call(StringCharCodeAt, part, j) > 127 ? "x" : part[j];
            }
            if (!s.match(newpart, hostnamePartPattern)) {
              const validParts = call(ArraySlice, hostparts, 0, i);
              const notHost = call(ArraySlice, hostparts, i + 1);
              const bit = s.match(part, hostnamePartStart);
              if (bit) {
                push(validParts, bit[1]);
                s.unshift(notHost, bit[2]);
              }
              if (notHost.length) rest = "/" + s.join(notHost, ".") + rest;
              this.hostname = s.join(validParts, ".");
              break;
            }
          }
        }
      }
      if (this.hostname.length > hostnameMaxLen) this.hostname = "";
      else this.hostname = call(StringToLowerCase, this.hostname);
      if (!ipv6Hostname) this.hostname = punycode.toASCII(this.hostname);  // IDNA
      const p = this.port ? ":" + this.port : "";
      const h = this.hostname || "";
      this.host = h + p;
      if (ipv6Hostname) {  // the hostname without [ and ]; host keeps them
        this.hostname = s.substr(this.hostname, 1, this.hostname.length - 2);
        if (rest[0] !== "/") rest = "/" + rest;
      }
    }
    if (!unsafeProtocol[lowerProto]) {  // escape the autoEscape characters
      for (let i = 0, l = autoEscape.length; i < l; i++) {
        const ae = autoEscape[i];
        if (s.indexOf(rest, ae) === -1) continue;
        let esc = RealEncodeURIComponent(ae);
        if (esc === ae) esc = RealEscape(ae);
        rest = s.join(s.split(rest, ae), esc);
      }
    }
    const hash = s.indexOf(rest, "#");
    if (hash !== -1) {
      this.hash = s.substr(rest, hash);
      rest = s.slice(rest, 0, hash);
    }
    const qm = s.indexOf(rest, "?");
    if (qm !== -1) {
      this.search = s.substr(rest, qm);
      this.query = s.substr(rest, qm + 1);
      if (parseQueryString) this.query = querystring.parse(this.query);
      rest = s.slice(rest, 0, qm);
    } else if (parseQueryString) {
      this.search = "";
      this.query = {};
    }
    if (rest) this.pathname = rest;
    if (slashedProtocol[lowerProto] && this.hostname && !this.pathname) this.pathname = "/";
    if (this.pathname || this.search) this.path = (this.pathname || "") + (this.search || "");
    this.href = this.format();
    return this;
  };
  function urlFormat(obj) {
    if (typeof obj === "string") obj = urlParse(obj);
    // (url.js's message: the ternary binds last, so it is typeof obj, "object" for null)
    else if (typeof obj !== "object" || obj === null) {
      throw new TypeErrorCtor("Parameter 'urlObj' must be an object, not " + obj === null ? "null" : typeof obj);
    } else if (!(obj instanceof Url)) return call(Url.prototype.format, obj);
    return obj.format();
  }
  Url.prototype.format = function () {
    let auth = this.auth || "";
    if (auth) {
      auth = RealEncodeURIComponent(auth);
      auth = call(StringReplace, auth, /%3A/i, ":");
      auth += "@";
    }
    let protocol = this.protocol || "";
    let pathname = this.pathname || "";
    let hash = this.hash || "";
    let host = false;
    let query = "";
    if (this.host) {
      host = auth + this.host;
    } else if (this.hostname) {
      host = auth + (s.indexOf(this.hostname, ":") === -1 ? this.hostname : "[" + this.hostname + "]");
      if (this.port) host += ":" + this.port;
    }
    if (this.query !== null && typeof this.query === "object" && ObjectKeys(this.query).length) {
      query = querystring.stringify(this.query);
    }
    let search = this.search || (query && ("?" + query)) || "";
    if (protocol && s.substr(protocol, -1) !== ":") protocol += ":";
    // only the slashed protocols get the // (not mailto:, xmpp:, ...) unless they had them
    if (this.slashes || (!protocol || slashedProtocol[protocol]) && host !== false) {
      host = "//" + (host || "");
      if (pathname && s.charAt(pathname, 0) !== "/") pathname = "/" + pathname;
    } else if (!host) {
      host = "";
    }
    if (hash && s.charAt(hash, 0) !== "#") hash = "#" + hash;
    if (search && s.charAt(search, 0) !== "?") search = "?" + search;
    pathname = call(StringReplace, pathname, /[?#]/g, function (match) { return RealEncodeURIComponent(match); });
    search = call(StringReplace, search, "#", "%23");
    return protocol + host + pathname + search + hash;
  };
  function urlResolve(source, relative) { return urlParse(source, false, true).resolve(relative); }
  Url.prototype.resolve = function (relative) { return this.resolveObject(urlParse(relative, false, true)).format(); };
  function urlResolveObject(source, relative) {
    if (!source) return relative;
    return urlParse(source, false, true).resolveObject(relative);
  }
  function spliceOne(list, index) {
    for (let i = index, k = i + 1, n = list.length; k < n; i += 1, k += 1) list[i] = list[k];
    s.pop(list);
  }
  Url.prototype.resolveObject = function (relative) {
    if (typeof relative === "string") {
      const rel = new Url();
      rel.parse(relative, false, true);
      relative = rel;
    }
    const result = new Url();
    const tkeys = ObjectKeys(this);
    for (let tk = 0; tk < tkeys.length; tk++) result[tkeys[tk]] = this[tkeys[tk]];
    result.hash = relative.hash;  // always overridden, even by href=""
    if (relative.href === "") {
      result.href = result.format();
      return result;
    }
    if (relative.slashes && !relative.protocol) {  // //foo/bar: everything but the protocol
      const rkeys = ObjectKeys(relative);
      for (let rk = 0; rk < rkeys.length; rk++) if (rkeys[rk] !== "protocol") result[rkeys[rk]] = relative[rkeys[rk]];
      if (slashedProtocol[result.protocol] && result.hostname && !result.pathname) result.path = result.pathname = "/";
      result.href = result.format();
      return result;
    }
    if (relative.protocol && relative.protocol !== result.protocol) {
      if (!slashedProtocol[relative.protocol]) {
        const keys = ObjectKeys(relative);
        for (let v = 0; v < keys.length; v++) result[keys[v]] = relative[keys[v]];
        result.href = result.format();
        return result;
      }
      result.protocol = relative.protocol;
      if (!relative.host && !call(RegExpTest, /^file:?$/, relative.protocol) && !hostlessProtocol[relative.protocol]) {
        const relPath = s.split(relative.pathname || "", "/");
        while (relPath.length && !(relative.host = s.shift(relPath)));
        if (!relative.host) relative.host = "";
        if (!relative.hostname) relative.hostname = "";
        if (relPath[0] !== "") s.unshift(relPath, "");
        if (relPath.length < 2) s.unshift(relPath, "");
        result.pathname = s.join(relPath, "/");
      } else {
        result.pathname = relative.pathname;
      }
      result.search = relative.search;
      result.query = relative.query;
      result.host = relative.host || "";
      result.auth = relative.auth;
      result.hostname = relative.hostname || relative.host;
      result.port = relative.port;
      if (result.pathname || result.search) result.path = (result.pathname || "") + (result.search || "");
      result.slashes = result.slashes || relative.slashes;
      result.href = result.format();
      return result;
    }
    const isSourceAbs = (result.pathname && s.charAt(result.pathname, 0) === "/");
    const isRelAbs = (relative.host || relative.pathname && s.charAt(relative.pathname, 0) === "/");
    let mustEndAbs = (isRelAbs || isSourceAbs || (result.host && relative.pathname));
    const removeAllDots = mustEndAbs;
    let srcPath = result.pathname && s.split(result.pathname, "/") || [];
    const relPath = relative.pathname && s.split(relative.pathname, "/") || [];
    const psychotic = result.protocol && !slashedProtocol[result.protocol];
    // a non-slashed url: ../.. may climb up to the hostname, which goes into the first path part
    if (psychotic) {
      result.hostname = "";
      result.port = null;
      if (result.host) {
        if (srcPath[0] === "") srcPath[0] = result.host;
        else s.unshift(srcPath, result.host);
      }
      result.host = "";
      if (relative.protocol) {
        relative.hostname = null;
        relative.port = null;
        if (relative.host) {
          if (relPath[0] === "") relPath[0] = relative.host;
          else s.unshift(relPath, relative.host);
        }
        relative.host = null;
      }
      mustEndAbs = mustEndAbs && (relPath[0] === "" || srcPath[0] === "");
    }
    if (isRelAbs) {
      result.host = (relative.host || relative.host === "") ? relative.host : result.host;
      result.hostname = (relative.hostname || relative.hostname === "") ? relative.hostname : result.hostname;
      result.search = relative.search;
      result.query = relative.query;
      srcPath = relPath;
    } else if (relPath.length) {
      if (!srcPath) srcPath = [];
      s.pop(srcPath);
      srcPath = call(ArrayConcat, srcPath, relPath);
      result.search = relative.search;
      result.query = relative.query;
    } else if (relative.search !== null && relative.search !== undefined) {  // like href='?foo'
      if (psychotic) {
        result.hostname = result.host = s.shift(srcPath);
        const authInHost = result.host && s.indexOf(result.host, "@") > 0 ? s.split(result.host, "@") : false;
        if (authInHost) {
          result.auth = s.shift(authInHost);
          result.host = result.hostname = s.shift(authInHost);
        }
      }
      result.search = relative.search;
      result.query = relative.query;
      if (result.pathname !== null || result.search !== null) {
        result.path = (result.pathname ? result.pathname : "") + (result.search ? result.search : "");
      }
      result.href = result.format();
      return result;
    }
    if (!srcPath.length) {
      result.pathname = null;
      result.path = result.search ? "/" + result.search : null;
      result.href = result.format();
      return result;
    }
    // a url ending in . or .. gets a trailing slash; one ending in anything else does not
    let last = call(ArraySlice, srcPath, -1)[0];
    const hasTrailingSlash = ((result.host || relative.host || srcPath.length > 1) &&
      (last === "." || last === "..") || last === "");
    let up = 0;
    for (let i = srcPath.length; i >= 0; i--) {
      last = srcPath[i];
      if (last === ".") {
        spliceOne(srcPath, i);
      } else if (last === "..") {
        spliceOne(srcPath, i);
        up++;
      } else if (up) {
        spliceOne(srcPath, i);
        up--;
      }
    }
    if (!mustEndAbs && !removeAllDots) for (; up--; up) s.unshift(srcPath, "..");
    if (mustEndAbs && srcPath[0] !== "" && (!srcPath[0] || s.charAt(srcPath[0], 0) !== "/")) s.unshift(srcPath, "");
    if (hasTrailingSlash && (s.substr(s.join(srcPath, "/"), -1) !== "/")) push(srcPath, "");
    const isAbsolute = srcPath[0] === "" || (srcPath[0] && s.charAt(srcPath[0], 0) === "/");
    if (psychotic) {  // put the host back
      result.hostname = result.host = isAbsolute ? "" : srcPath.length ? s.shift(srcPath) : "";
      const authInHost = result.host && s.indexOf(result.host, "@") > 0 ? s.split(result.host, "@") : false;
      if (authInHost) {
        result.auth = s.shift(authInHost);
        result.host = result.hostname = s.shift(authInHost);
      }
    }
    mustEndAbs = mustEndAbs || (result.host && srcPath.length);
    if (mustEndAbs && !isAbsolute) s.unshift(srcPath, "");
    if (!srcPath.length) {
      result.pathname = null;
      result.path = null;
    } else {
      result.pathname = s.join(srcPath, "/");
    }
    if (result.pathname !== null || result.search !== null) {
      result.path = (result.pathname ? result.pathname : "") + (result.search ? result.search : "");
    }
    result.auth = relative.auth || result.auth;
    result.slashes = result.slashes || relative.slashes;
    result.href = result.format();
    return result;
  };
  Url.prototype.parseHost = function () {
    let host = this.host;
    let port = call(RegExpExec, portPattern, host);
    if (port) {
      port = port[0];
      if (port !== ":") this.port = s.substr(port, 1);
      host = s.substr(host, 0, host.length - port.length);
    }
    if (host) this.hostname = host;
  };
  return { parse: urlParse, resolve: urlResolve, resolveObject: urlResolveObject, format: urlFormat, Url };
})();
