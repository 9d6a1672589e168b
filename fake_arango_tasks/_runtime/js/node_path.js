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
