// -- aql: the aql template tag, db._query, statements, cursors and the collections' simple queries.
// The queries themselves run in Python (the engine, _queries.py, _simple.py), reached through the
// bridge ("aql" requests); this section only shapes the calls as ArangoDB's JavaScript takes them:
// js/common/modules/@arangodb/index.js (aql, aql.literal, aql.join, query), arango-database.js
// (_query, _createStatement), arango-statement.js, simple-query-common.js (GeneralArrayCursor) and
// arango-collection.js (byExample, firstExample, any, range, all, the by-example writes, the edge
// queries) and v8-query.cpp (EdgesQuery, JS_RemoveByKeys).
// The query reads the run's clock, draws RAND() from the run's seeded stream, and SLEEP() consumes
// the run's fake time (Python answers how much).
const seededRandom = Math.random;
const ArraySplice = Array.prototype.splice;  // the prelude's per-run stream (time.js), captured before any command
const collectionNames = new WeakMap();  // collection objects made by collectionObject -> their name
const isAqlQuery = (value) => Boolean(value) && typeof value.query === "string" && Boolean(value.bindVars);
const isAqlLiteral = (value) => Boolean(value) && typeof value.toAQL === "function";
const isGenerated = (value) => isAqlQuery(value) && typeof value._source === "function";
const nameOfCollection = (value) => ((typeof value === "object" || typeof value === "function") && value !== null
  ? collectionNames.get(value) : undefined);

function runAql(request) {
  const current = inRun("db._query");
  request.nowUs = nowUs();
  request.seed = MathFloor(seededRandom() * 4294967296);
  const answer = ask(["aql", current.batchId, current.index, current.database, request]);
  if (answer.sleptUs > 0) current.sleptUs += answer.sleptUs;
  return answer;
}

// The aql tag: values become bind parameters (@value0, ...; one parameter per distinct value, a
// collection object a collection parameter @@valueN), literals are pasted, nested aql queries
// are spliced in with their own values.
function aql(templateStrings, ...values) {
  const strings = [...templateStrings];
  const args = values;
  const bindVars = {};
  const seen = [];
  let query = strings[0];
  for (let i = 0; i < args.length; i++) {
    const value = args[i];
    if (isGenerated(value)) {
      const inner = value._source();
      const n = inner.args.length;
      if (n) {
        query += inner.strings[0];
        call(ArraySplice, args, i, 1, ...inner.args);
        call(ArraySplice, strings, i, 2, strings[i] + inner.strings[0], ...call(ArraySlice, inner.strings, 1, n),
          inner.strings[n] + strings[i + 1]);
      } else {
        query += value.query + strings[i + 1];
        call(ArraySplice, args, i, 1);
        call(ArraySplice, strings, i, 2, strings[i] + value.query + strings[i + 1]);
      }
      i -= 1;
      continue;
    }
    if (value === undefined) { query += strings[i + 1]; continue; }
    if (isAqlLiteral(value)) { query += value.toAQL() + strings[i + 1]; continue; }
    let index = call(ArrayIndexOf, seen, value);
    const known = index !== -1;
    if (!known) index = seen.length;
    const collection = nameOfCollection(value);
    const name = (collection === undefined ? "value" : "@value") + index;
    if (!known) {
      push(seen, value);
      bindVars[name] = collection === undefined ? value : collection;
    }
    query += "@" + name + strings[i + 1];
  }
  return { query, bindVars, _source: () => ({ strings, args }) };
}
aql.literal = (value) => (isAqlLiteral(value) ? value : { toAQL: () => (value === undefined ? "" : str(value)) });
aql.join = (values, separator = " ") => {
  if (!values.length) return aql``;
  if (values.length === 1) return aql`${values[0]}`;
  const strings = [""];
  for (let i = 1; i < values.length; i++) push(strings, separator);
  push(strings, "");
  return aql(strings, ...values);
};

// GeneralArrayCursor: the whole result is here; count() is its length. It has no toString of its
// own (String(cursor) is "[object Object]"); print shows it with its _PRINT.
function makeCursor(values, extra) {
  let position = 0;
  let rows = values;
  const cursor = {
    toArray: () => rows,
    elements: () => rows,
    hasNext: () => position < rows.length,
    next: () => (position < rows.length ? rows[position++] : undefined),
    count: () => rows.length,
    getExtra: () => extra || {},
    dispose: () => { rows = []; position = 0; },
    // GeneralArrayCursor.prototype._PRINT: the count, cached (the fake has no query cache), each
    // run of warnings with one code once, then the next (up to) 10 rows, read from the cursor.
    // Left out: the shell's paging global `more` it assigns.
    _PRINT: (context) => {
      let text = "[object GeneralArrayCursor, count: " + rows.length + ", cached: false";
      const warnings = (extra && extra.warnings) || [];
      if (warnings.length > 0) {
        text += ", warning(s): ";
        let last = null;
        for (const warning of warnings) {
          if (warning.code === last) continue;
          if (last !== null) text += ", ";
          text += '"' + warning.code + " " + warning.message + '"';
          last = warning.code;
        }
      }
      text += "]";
      const shown = [];
      while (shown.length < 10 && position < rows.length) push(shown, rows[position++]);
      if (shown.length > 0) {
        text += "\n" + printText([shown]) + "\n";
        if (position < rows.length) text += "\ntype 'more' to show more documents\n";
      }
      context.output += text;
    },
  };
  cursor[Symbol.iterator] = function* iterate() { while (position < rows.length) yield rows[position++]; };
  return ObjectFreeze(cursor);
}

function executeQuery(query, bindVars, options, count) {
  const answer = runAql({ kind: "query", query, bindVars: bindVars === undefined ? null : bindVars,
    options: options === undefined ? null : options, count: count === true });
  return makeCursor(answer.result, answer.extra);
}

// ArangoStatement (js/server/modules/@arangodb/arango-statement.js over arango-statement-common.js)
function createStatement(data) {
  if (typeof data !== "object" || data === null) fail(10, "no data given for statement", 400);
  let query = typeof data.toAQL === "function" ? data.toAQL() : data.query;
  let bindVars = isAqlQuery(data) || (typeof data.bindVars === "object" && data.bindVars !== null) ? { ...data.bindVars } : {};
  let count = data.count === true;
  let batchSize = data.batchSize;
  let options = data.options;
  const statement = {
    bind: (name, value) => {
      if (typeof name === "object" && name !== null) { bindVars = { ...name }; return; }
      bindVars[str(name)] = value;
    },
    getBindVariables: () => bindVars,
    getQuery: () => query,
    setQuery: (text) => { query = text; },
    getCount: () => count,
    setCount: (value) => { count = Boolean(value); },
    getBatchSize: () => batchSize,
    setBatchSize: (value) => { batchSize = value; },
    getOptions: () => options,
    setOptions: (value) => { options = value; },
    parse: () => runAql({ kind: "parse", query }),
    explain: () => unsupported("AQL query plans (statement.explain)"),
    execute: () => executeQuery(query, bindVars, options, count),
    toString: () => "[object ArangoStatement]",
  };
  return ObjectFreeze(statement);
}

// db._query(query, bindVars, cursorOptions, options) as arango-database.js reads its arguments:
// an aql query object (or {query, bindVars}) comes with the options after it.
function dbQuery(query, bindVars, cursorOptions, options) {
  let text = query;
  let vars = bindVars;
  if (isAqlLiteral(query)) {
    text = query.toAQL();
  } else if (query && typeof query === "object") {
    text = query.query;
    vars = query.bindVars;
    options = cursorOptions;
    cursorOptions = bindVars;
  }
  if (options === undefined && cursorOptions !== undefined) options = cursorOptions;
  return executeQuery(text, vars, options, Boolean(cursorOptions && cursorOptions.count));
}

// require('@arangodb').query: the aql tag that runs its query at once; query.options(o) a tag
// with query options.
function queryTag(options) {
  return (strings, ...args) => dbQuery(aql(strings, ...args), options);
}
const query = (strings, ...args) => dbQuery(aql(strings, ...args));
query.options = queryTag;

// -- simple queries: the AQL is Python's (_simple.py); these objects chain skip/limit as
// simple-query-common.js does and run once, when first read.
function simple(request) {
  return runAql({ kind: "simple", ...request });
}
function simpleQuery(request) {
  let cursor = null;
  const run = () => {
    if (cursor === null) {
      const answer = simple(request);
      cursor = makeCursor(answer.result, answer.extra);
    }
    return cursor;
  };
  const object = {
    skip: (n) => { request.skip = n; cursor = null; return object; },
    limit: (n) => { request.limit = n; cursor = null; return object; },
    toArray: () => run().toArray(),
    hasNext: () => run().hasNext(),
    next: () => run().next(),
    count: () => run().count(),
    dispose: () => { cursor = makeCursor([], {}); },
  };
  object[Symbol.iterator] = () => run()[Symbol.iterator]();
  return object;
}
const writesOf = (answer) => answer.extra.stats.writesExecuted;
// byExample(example) or byExample(path1, value1, path2, value2, ...)
function exampleOf(args) {
  if (args.length === 1) return args[0];
  const example = {};
  for (let i = 0; i + 1 < args.length; i += 2) example[str(args[i])] = args[i + 1];
  return example;
}
// EdgesQuery's addOne (arangod/V8Server/v8-query.cpp): a string or String object is the vertex id,
// any other object its _id (converted to a string; "" without one: matches nothing); anything else
// null, which Python answers with 10 after its 1218 check (arangod's order). An array: each element
// so, up to the first that is neither.
const StringValueOf = String.prototype.valueOf;
function vertexId(value) {
  if (typeof value === "string") return value;
  if ((typeof value !== "object" || value === null) && typeof value !== "function") return null;
  try { return call(StringValueOf, value); } catch (e) { /* not a String object */ }
  return "_id" in value ? str(value._id) : "";
}
function vertexArgument(vertex) {
  if (!isArray(vertex)) return vertexId(vertex);
  const ids = [];
  for (let i = 0; i < vertex.length; i++) {
    const id = vertexId(vertex[i]);
    if (id === null) return null;
    call(ArrayPush, ids, id);
  }
  return ids;
}
function simpleQueries(name) {
  const edgesOf = (direction, vertex) => simple({ simple: "edges", collection: name, direction,
    vertex: vertexArgument(vertex) }).result;
  const writeOptions = (options, positional) => (typeof options === "object" && options !== null ? options : positional);
  const methods = {
    all: () => simpleQuery({ simple: "all", collection: name }),
    byExample: (...args) => simpleQuery({ simple: "byExample", collection: name, example: exampleOf(args) }),
    firstExample: (...args) => {
      const rows = simple({ simple: "byExample", collection: name, example: exampleOf(args), limit: 1 }).result;
      return rows.length ? rows[0] : null;
    },
    any: () => {
      const rows = simple({ simple: "any", collection: name }).result;
      return rows.length ? rows[0] : null;
    },
    range: (attribute, left, right) => simpleQuery({ simple: "range", collection: name, attribute, left, right, closed: false }),
    closedRange: (attribute, left, right) => simpleQuery({ simple: "range", collection: name, attribute, left, right, closed: true }),
    // removeByExample(example, waitForSync, limit) or (example, {waitForSync, limit})
    removeByExample: (example, waitForSync, limit) => {
      const o = writeOptions(waitForSync, { limit });
      return writesOf(simple({ simple: "removeByExample", collection: name, example, limit: o.limit }));
    },
    // updateByExample(example, newValue, keepNull, waitForSync, limit) or (example, newValue, options)
    updateByExample: (example, newValue, keepNull, waitForSync, limit) => {
      const o = writeOptions(keepNull, { keepNull, limit, mergeObjects: true });
      return writesOf(simple({ simple: "updateByExample", collection: name, example, newValue,
        keepNull: o.keepNull !== false, mergeObjects: o.mergeObjects !== false, limit: o.limit }));
    },
    // replaceByExample(example, newValue, waitForSync, limit) or (example, newValue, options)
    replaceByExample: (example, newValue, waitForSync, limit) => {
      const o = writeOptions(waitForSync, { limit });
      return writesOf(simple({ simple: "replaceByExample", collection: name, example, newValue, limit: o.limit }));
    },
    // arango-collection.js: edges(vertex) is this.EDGES(vertex), one argument whatever was given
    edges: (vertex) => edgesOf("any", vertex),
    inEdges: (vertex) => edgesOf("in", vertex),
    outEdges: (vertex) => edgesOf("out", vertex),
    // JS_RemoveByKeys (v8-query.cpp): {removed: writesExecuted, ignored: writesIgnored}
    removeByKeys: function (keys) {
      if (arguments.length !== 1 || !isArray(keys)) usage("removeByKeys(<keys>)");
      const stats = simple({ simple: "removeByKeys", collection: name, keys }).extra.stats;
      return { removed: stats.writesExecuted, ignored: stats.writesIgnored };
    },
  };
  return methods;
}
