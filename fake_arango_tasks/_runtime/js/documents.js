// -- db and collections: the objects a command sees; every operation is Python's -----------------
// js/server/modules/@arangodb/arango-database.js and arango-collection.js over arangod's
// v8-vocbase / v8-collection / v8-vocindex functions. The semantics (keys, revisions, indexes,
// transactions, errors, permissions, what HTTP sees) live once, in Python (_documents/, _host/),
// reached through the bridge; these objects only shape the calls as ArangoDB's JavaScript API
// takes them. A method ArangoDB 3.12 has that the fake does not emulate throws ArangoError 9
// "not supported by fake-arango-tasks: <what>", never a TypeError.
const docs = (op, ...args) => {
  const current = inRun("db");
  return ask(["doc", current.batchId, current.index, current.database, op, ...args]);
};
// Any other host operation (trx.*, db.*, users.*, crypto.*): see _host/__init__.py.
const host = (op, ...args) => {
  const current = inRun(op);
  return ask(["host", current.batchId, current.index, op, ...args]);
};
const stub = (what) => function () { unsupported(what); };
const nameOf = (value) => (typeof value === "object" && value !== null && typeof value.name === "function" ? value.name() : str(value));

// ArangoCollection methods of 3.12 the fake does not emulate.
const COLLECTION_UNSUPPORTED = ["rename", "checksum", "compact", "revision", "load", "unload", "shards",
  "getResponsibleShard", "planId", "version", "iterate", "loadIndexesIntoMemory", "info", "computedValues", "_binaryDocument"];

// ExtractIdString (v8-collection.cpp): a string, or an object's own string _id, else "".
function extractId(value) {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null && call(hasOwn, value, "_id") && typeof value._id === "string") return value._id;
  return "";
}
// InsertVocbaseCol (v8-collection.cpp): on an edge collection, three or four arguments are the old
// signature insert(<from>, <to>, <data> [, <options>]), _from and _to taken from the first two.
function insertArguments(name, args) {
  if (args.length < 1) usage("insert(<data>, [, <options>])");
  if (args.length < 3) return args;
  if (docs("type", name) !== 3) usage("insert(<data> [, <options>])");
  if (args.length > 4) usage("insert(<from>, <to>, <data> [, <options>])");
  const data = args[2];
  const invalid = errors.ERROR_ARANGO_DOCUMENT_TYPE_INVALID;
  if (isArray(data) || typeof data !== "object" || data === null) fail(invalid.code, invalid.message);
  const from = extractId(args[0]), to = extractId(args[1]);
  const bad = errors.ERROR_ARANGO_DOCUMENT_HANDLE_BAD;
  if (from === "" || to === "") fail(bad.code, bad.message);
  const edge = {};
  for (const key of ObjectKeys(data)) edge[key] = data[key];
  edge._from = from;
  edge._to = to;
  return [edge, args[3]];
}

function collectionObject(name) {
  const on = (op) => (...args) => docs(op, name, ...args);
  const insert = function () { return docs("insert", name, ...insertArguments(name, arguments)); };
  const object = {
    name: () => name,
    type: () => docs("type", name),
    status: () => 3,  // TRI_VOC_COL_STATUS_LOADED: RocksDB collections are always loaded
    save: insert,
    insert,
    document: on("document"),
    documents: on("documents"),
    exists: on("exists"),
    update: on("update"),
    replace: on("replace"),
    remove: on("remove"),
    count: on("count"),
    toArray: on("all"),
    ...simpleQueries(name),  // all, byExample, firstExample, any, range, edges, removeByKeys, ... (aql.js)
    truncate: (options) => { docs("truncate", name, options); },
    drop: (options) => { docs("drop", name, options); },
    properties: on("properties"),
    figures: on("figures"),
    ensureIndex: on("ensureIndex"),
    getIndexes: () => docs("getIndexes", name),
    indexes: () => docs("getIndexes", name),
    index: on("index"),
    dropIndex: on("dropIndex"),
    toString: () => docs("describe", name),
  };
  for (const method of COLLECTION_UNSUPPORTED) object[method] = stub("collection." + method + "()");
  collectionNames.set(object, name);  // the aql tag binds it as a collection (aql.js)
  return ObjectFreeze(object);
}

// db._executeTransaction: transactions.js; databases below.
function databaseMethods() {
  return {
    _name: () => inRun("db._name").database,
    _id: () => docs("databaseId"),
    _isSystem: () => inRun("db._isSystem").database === "_system",
    _path: () => host("db.info", inRun("db._path").database).path,
    _properties: () => {
      const info = host("db.info", inRun("db._properties").database);
      return { id: info.id, name: info.name, isSystem: info.isSystem, path: info.path };
    },
    _create: (name, properties, type) => {
      docs("create", str(name), properties === undefined ? null : properties, type === undefined ? null : type);
      return collectionObject(str(name));
    },
    _createDocumentCollection: (name, properties) => { docs("create", str(name), properties || null, "document"); return collectionObject(str(name)); },
    _createEdgeCollection: (name, properties) => { docs("create", str(name), properties || null, "edge"); return collectionObject(str(name)); },
    _drop: (name, options) => { docs("drop", nameOf(name), options); },
    _collection: (name) => (docs("has", str(name)) ? collectionObject(str(name)) : null),
    _collections: () => call(ArrayMap, docs("names"), collectionObject),
    _truncate: (name) => { docs("truncate", nameOf(name)); },
    _document: (handle) => docs("documentById", handle),
    _exists: (handle) => docs("existsById", handle),
    _remove: (handle, options) => docs("removeById", handle, options),
    _update: (handle, patch, options) => docs("updateById", handle, patch, options),
    _replace: (handle, body, options) => docs("replaceById", handle, body, options),
    _index: (handle) => docs("indexById", handle),
    _dropIndex: (handle) => docs("dropIndexById", handle),
    // JS_UseDatabase and friends (v8-vocbase.cpp); the rules are Python's (_host/_databases.py)
    _useDatabase: function (name) {
      const current = inRun("db._useDatabase");
      if (arguments.length !== 1) usage("db._useDatabase(<name>)");
      current.database = host("db.use", current.database, str(name));
      return dbProxy;
    },
    _createDatabase: function (name, options, users) {
      const current = inRun("db._createDatabase");
      if (arguments.length < 1 || arguments.length > 3) usage("db._createDatabase(<name>, <options>, <users>)");
      return host("db.create", current.database, str(name),
        typeof options === "object" && options !== null ? options : null, isArray(users) ? users : null);
    },
    _dropDatabase: function (name) {
      const current = inRun("db._dropDatabase");
      if (arguments.length !== 1) usage("db._dropDatabase(<name>)");
      return host("db.drop", current.database, str(name));
    },
    _databases: function (user) {
      const current = inRun("db._databases");
      if (arguments.length > 1) usage("db._databases()");
      return host("db.list", current.database, arguments.length === 1 ? str(user) : null);
    },
    // AQL: aql.js
    _query: (...args) => dbQuery(...args),
    _createStatement: (data) => createStatement(data),
    _parse: (query) => createStatement({ query: isAqlQuery(query) ? query.query : query }).parse(),
    _explain: stub("AQL query plans (db._explain)"),
    _profileQuery: stub("AQL query profiles (db._profileQuery)"),
    _executeTransaction: function () { return executeTransaction(arguments); },
    // ArangoDatabase methods of 3.12 the fake does not emulate
    _createTransaction: stub("db._createTransaction() (stream transactions from JavaScript)"),
    _transactions: stub("db._transactions()"),
    _views: stub("db._views()"),
    _view: stub("db._view()"),
    _createView: stub("db._createView()"),
    _dropView: stub("db._dropView()"),
    // JS_VersionServer (v8-vocbase.cpp): the server's version; with `true` its build details
    _version: (details) => {
      inRun("db._version");
      if (details) unsupported("db._version(true) (the server's build details)");
      return batch.version;
    },
    _engine: stub("db._engine()"),
    _engineStats: stub("db._engineStats()"),
    _compact: stub("db._compact()"),
    _flushCache: () => undefined,  // JS_FakeFlushCache: a no-op in arangod too
    _endpoints: stub("db._endpoints()"),
    _versionFilename: stub("db._versionFilename()"),
    _currentWalFiles: stub("db._currentWalFiles()"),
    _help: stub("db._help()"),
  };
}
const dbMethods = ObjectFreeze(databaseMethods());
// db: a proxy whose own keys are the methods and the collections of the run's database.
const dbProxy = new Proxy({}, {
  get(_, name) {
    if (typeof name !== "string" || run === null) return undefined;
    if (call(hasOwn, dbMethods, name)) return dbMethods[name];
    return docs("has", name) ? collectionObject(name) : undefined;
  },
  has(_, name) {
    return typeof name === "string" && run !== null && (call(hasOwn, dbMethods, name) || docs("has", name));
  },
  set() { return false; },
  defineProperty() { return false; },
  deleteProperty() { return false; },
  preventExtensions() { return false; },
  setPrototypeOf() { return false; },
  ownKeys() { return run === null ? [] : [...ObjectKeys(dbMethods), ...docs("names")]; },
  getOwnPropertyDescriptor(_, name) {
    if (typeof name !== "string" || run === null) return undefined;
    const value = call(hasOwn, dbMethods, name) ? dbMethods[name] : (docs("has", name) ? collectionObject(name) : undefined);
    return value === undefined ? undefined : { value, writable: false, enumerable: true, configurable: true };
  },
});
