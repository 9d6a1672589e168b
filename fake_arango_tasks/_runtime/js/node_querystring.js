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
