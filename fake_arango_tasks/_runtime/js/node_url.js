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
