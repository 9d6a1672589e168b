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
