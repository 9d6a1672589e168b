// -- @arangodb/request: outgoing HTTP, shaped as js/common/modules/@arangodb/request.js shapes it -
// The request is built here (query string, JSON and form bodies, Basic and bearer auth, lower-case
// header names) and handed to Python, which records it on the run and answers it: from the
// responses the test registered (fake.http.respond), or as a refused connection does in ArangoDB
// (status 500, SimpleHttpClient's message, no body). See _outgoing.py.
class IncomingResponse {
  constructor(res, encoding, json) {
    this.status = this.statusCode = res.code;
    this.message = res.message;
    this.headers = res.headers ? res.headers : {};
    this.body = this.rawBody = res.body;
    if (this.body && encoding !== null && json !== false) {
      try { this.json = JSONparse(this.body); } catch (e) { this.json = undefined; }
    }
  }
  throw(msg) {
    if (this.status >= 400) {
      const error = new ErrorCtor(msg || this.message);
      error.statusCode = this.status;
      error.details = this;
      throw error;
    }
  }
}
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
function base64(text) {  // of the UTF-8 bytes of text (V8 alone has no btoa)
  const bytes = [];
  const utf8 = RealUnescape(RealEncodeURIComponent(text));
  for (let i = 0; i < utf8.length; i++) push(bytes, call(StringCharCodeAt, utf8, i));
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
    out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63] +
      (i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : "=") + (i + 2 < bytes.length ? BASE64[n & 63] : "=");
  }
  return out;
}
function querystring(qs) {
  if (typeof qs === "string") return qs;
  return call(ArrayJoin, call(ArrayMap, ObjectKeys(qs), (k) => RealEncodeURIComponent(k) + "=" + RealEncodeURIComponent(str(qs[k]))), "&");
}
function request(req) {
  const current = inRun("@arangodb/request");
  if (typeof req === "string") req = { url: req, method: "GET" };
  if (req === null || typeof req !== "object") usage("request(<options>)");
  let url = req.url || req.uri;
  if (!url) throw new ErrorCtor("Request URL must not be empty.");
  url = str(url);
  if (req.qs) url += (call(RegExpTest, /\?/, url) ? "&" : "?") + querystring(req.qs);
  const method = call(StringToUpperCase, str(req.method || "get"));
  let body = req.body;
  const headers = {};
  if (req.json) { body = JSONstringify(body); headers["content-type"] = "application/json"; }
  else if (typeof body === "string") headers["content-type"] = "text/plain; charset=utf-8";
  else if (!body && req.form) {
    body = typeof req.form === "string" ? req.form : querystring(req.form);
    headers["content-type"] = "application/x-www-form-urlencoded";
  }
  if (req.auth) {  // request.js: {username, password} for Basic, {bearer} or {jwt} for a token
    const auth = req.auth;
    if (auth.bearer || auth.jwt) headers.authorization = "Bearer " + str(auth.bearer || auth.jwt);
    else if (auth.username !== undefined) headers.authorization = "Basic " + base64(str(auth.username) + ":" + str(auth.password || ""));
  }
  if (req.headers) for (const name of ObjectKeys(req.headers)) headers[call(StringToLowerCase, name)] = str(req.headers[name]);
  if (body !== undefined && body !== null && typeof body !== "string") body = JSONstringify(body);
  if (!call(RegExpTest, /^https?:\/\//, url)) throw new SyntaxErrorCtor("unsupported URL specified");
  if ((method === "GET" || method === "HEAD") && body) fail(10, "should not provide a body value for this request method");
  const timeout = typeof req.timeout === "number" ? req.timeout : null;
  const res = ask(["request", current.batchId, current.index, method, url, headers, body === undefined ? null : body, timeout]);
  return new IncomingResponse(res, req.encoding, req.json);
}
for (const method of ["DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"]) {
  request[call(StringToLowerCase, method)] = function (url, options) {
    const opts = typeof url === "object" ? url : { ...(options || {}), url };
    return request({ method, ...opts });
  };
}
request.request = request;
request.Response = IncomingResponse;
