// -- db and collections: the objects a command sees; every operation is Python's -----------------
// js/server/modules/@arangodb/arango-database.js and arango-collection.js over arangod's
// v8-vocbase / v8-collection functions. The semantics (keys, revisions, errors, permissions, what
// HTTP sees) live once, in Python (_documents/), reached through the bridge; these objects only
// shape the calls as ArangoDB's JavaScript API takes them.
const docs = (op, ...args) => {
  const current = inRun("db");
  return ask(["doc", current.batchId, current.index, current.database, op, ...args]);
};
function collectionObject(name) {
  const on = (op) => (...args) => docs(op, name, ...args);
  const object = {
    name: () => name,
    type: () => docs("type", name),
    save: on("insert"),
    insert: on("insert"),
    document: on("document"),
    exists: on("exists"),
    update: on("update"),
    replace: on("replace"),
    remove: on("remove"),
    count: on("count"),
    toArray: on("all"),
    ...simpleQueries(name),  // all, byExample, firstExample, any, range, ... (aql.js)
    truncate: (options) => { docs("truncate", name, options); },
    drop: (options) => { docs("drop", name, options); },
    properties: on("properties"),
    toString: () => docs("describe", name),
  };
  collectionNames.set(object, name);  // the aql tag binds it as a collection (aql.js)
  return ObjectFreeze(object);
}
function databaseMethods() {
  return {
    _name: () => inRun("db._name").database,
    _id: () => docs("databaseId"),
    _create: (name, properties, type) => {
      docs("create", str(name), properties === undefined ? null : properties, type === undefined ? null : type);
      return collectionObject(str(name));
    },
    _createDocumentCollection: (name, properties) => { docs("create", str(name), properties || null, "document"); return collectionObject(str(name)); },
    _createEdgeCollection: (name, properties) => { docs("create", str(name), properties || null, "edge"); return collectionObject(str(name)); },
    _drop: (name, options) => {
      docs("drop", typeof name === "object" && name !== null && typeof name.name === "function" ? name.name() : str(name), options);
    },
    _collection: (name) => (docs("has", str(name)) ? collectionObject(str(name)) : null),
    _collections: () => call(ArrayMap, docs("names"), collectionObject),
    _truncate: (name) => { docs("truncate", typeof name === "object" && name !== null && typeof name.name === "function" ? name.name() : str(name)); },
    _document: (handle) => docs("documentById", handle),
    _exists: (handle) => docs("existsById", handle),
    _remove: (handle, options) => docs("removeById", handle, options),
    _update: (handle, patch, options) => docs("updateById", handle, patch, options),
    _replace: (handle, body, options) => docs("replaceById", handle, body, options),
    _query: (...args) => dbQuery(...args),  // aql.js
    _createStatement: (data) => createStatement(data),
    _executeTransaction: () => unsupported("JavaScript transactions (db._executeTransaction)"),
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
