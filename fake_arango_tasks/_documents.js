// Databases, collections and documents as ArangoDB's server-side JS sees them (db._create,
// db.<name>.save, ...), held in V8 while commands run. This file is a function expression spliced
// into _prelude.js: it receives the prelude's kernel and returns the store's interface. Every
// change is also appended to an operation log that Python drains after each call into V8, so its
// copy (what the HTTP API reads, and what a replaced context is loaded from) stays in step.
//
// Semantics follow arangod/V8Server/v8-collection.cpp and js/server/modules/@arangodb/
// arango-collection.js: traditional keys from the server tick, _rev as a hybrid logical clock
// (lib/Basics/HybridLogicalClock.h), documents stored with _key, _id, _rev first.
function (kernel) {
  "use strict";
  const {
    ArangoError, fail, newTick, nowMs, JSONparse, JSONstringify, ObjectKeys, isArray, call, push, RealMap, RealString,
    MapGet, MapSet, MapHas, MapDelete, MapClear, MapKeys, MapValues, RegExpTest,
  } = kernel;  // the built-ins as the prelude captured them, before any command ran
  const ArrayFrom = Array.from;
  const RealBigInt = BigInt;

  const databases = new RealMap();  // name -> Map(collection name -> collection state)
  let ops = [];
  const log = (op) => push(ops, op);

  // -- _rev: (milliseconds << 20) + counter, in ArangoDB's base-64 alphabet --------------------------
  const ALPHABET = "-_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let lastStamp = RealBigInt(0);
  function newRev() {
    let stamp = RealBigInt(nowMs()) << RealBigInt(20);
    if (stamp <= lastStamp) stamp = lastStamp + RealBigInt(1);
    lastStamp = stamp;
    let text = "";
    let t = stamp;
    const sixtyFour = RealBigInt(64);
    while (t > RealBigInt(0)) {
      text = ALPHABET[RealString(t % sixtyFour) | 0] + text;
      t = t / sixtyFour;
    }
    return text;
  }

  // -- Names and keys -------------------------------------------------------------------------------
  const COLLECTION_NAME = /^[a-zA-Z_][a-zA-Z0-9_\-]{0,255}$/;
  const DOCUMENT_KEY = /^[a-zA-Z0-9_\-:.@()+,=;$!*'%]{1,254}$/;
  function collectionsOf(database) {
    let collections = call(MapGet, databases, database);
    if (collections === undefined) {
      collections = new RealMap();
      call(MapSet, databases, database, collections);
    }
    return collections;
  }
  function requireCollection(database, name) {
    const state = call(MapGet, collectionsOf(database), RealString(name));
    if (state === undefined) fail(1203, "collection or view not found: " + RealString(name), 404);
    return state;
  }
  function keyOf(state, selector) {
    let key = selector;
    if (typeof selector === "object" && selector !== null) {
      key = selector._key !== undefined ? selector._key : selector._id;
    }
    key = RealString(key);
    const slash = key.indexOf("/");
    if (slash !== -1) {
      if (key.slice(0, slash) !== state.name) fail(1205, "illegal document identifier", 400);
      key = key.slice(slash + 1);
    }
    return key;
  }
  function header(state, key, rev) {
    return { _id: state.name + "/" + key, _key: key, _rev: rev };
  }

  // -- Collections ---------------------------------------------------------------------------------
  function createCollection(database, name, type, isSystem) {
    const text = RealString(name);
    if (!call(RegExpTest, COLLECTION_NAME, text) || (text[0] === "_" && !isSystem)) fail(1208, "illegal name", 400);
    const collections = collectionsOf(database);
    if (call(MapHas, collections, text)) fail(1207, "duplicate name", 409);
    const state = { name: text, id: RealString(newTick()), type: type === 3 ? 3 : 2, docs: new RealMap() };
    call(MapSet, collections, text, state);
    log(["create", database, text, { id: state.id, type: state.type }]);
    return state;
  }
  function dropCollection(database, name) {
    const collections = collectionsOf(database);
    const state = call(MapGet, collections, RealString(name));
    if (state === undefined) return false;
    call(MapDelete, collections, state.name);
    log(["drop", database, state.name]);
    return state;
  }

  // -- Documents -----------------------------------------------------------------------------------
  function stored(state, key) {
    const text = call(MapGet, state.docs, key);
    if (text === undefined) fail(1202, "document not found", 404);
    return JSONparse(text);
  }
  function put(database, state, doc) {
    call(MapSet, state.docs, doc._key, JSONstringify(doc));
    log(["put", database, state.name, doc._key, call(MapGet, state.docs, doc._key)]);
  }
  function assemble(state, key, rev, body) {
    const doc = { _key: key, _id: state.name + "/" + key, _rev: rev };
    for (const name of ObjectKeys(body)) {
      if (name !== "_key" && name !== "_id" && name !== "_rev") doc[name] = body[name];
    }
    return doc;
  }
  // A revision precondition: the selector's (or the body's) _rev must match unless the caller
  // says to ignore it (ignoreRevs, overwrite); HTTP passes If-Match as options.ifMatch.
  function checkRev(old, source, options) {
    const opts = options || {};
    let expected = opts.ifMatch;
    if (expected === undefined && typeof source === "object" && source !== null && source._rev !== undefined) {
      // HTTP: the body's _rev counts only with ignoreRevs=false; JS: the selector's _rev counts
      // unless ignoreRevs or overwrite is set
      const ignore = opts.http ? opts.ignoreRevs !== false : opts.ignoreRevs === true || opts.overwrite === true;
      if (!ignore) expected = source._rev;
    }
    if (expected !== undefined && expected !== old._rev) fail(1200, "conflict, _rev values do not match", 412);
  }
  function checkEdge(state, body) {
    if (state.type !== 3) return;
    const valid = (v) => typeof v === "string" && /^[^/]+\/[^/]+$/.test(v);
    if (!valid(body._from) || !valid(body._to)) fail(1233, "edge attribute missing or invalid", 400);
  }
  function withOld(result, old, options) {
    if (options && options.returnOld) result.old = old;
    return result;
  }
  function insert(database, state, body, options) {
    if (typeof body !== "object" || body === null || isArray(body)) fail(1227, "invalid document type", 400);
    const opts = options || {};
    let key;
    if (body._key !== undefined) {
      key = body._key;
      if (typeof key !== "string" || !call(RegExpTest, DOCUMENT_KEY, key)) fail(1221, "illegal document key", 400);
    } else {
      key = RealString(newTick());
    }
    if (call(MapHas, state.docs, key)) {
      const mode = opts.overwriteMode || (opts.overwrite ? "replace" : "conflict");
      if (mode === "replace") return replace(database, state, key, body, { ...opts, ignoreRevs: true, ifMatch: undefined });
      if (mode === "update") return update(database, state, key, body, { ...opts, ignoreRevs: true, ifMatch: undefined });
      if (mode === "ignore") return header(state, key, stored(state, key)._rev);
      fail(1210, "unique constraint violated - in index primary of type primary over '_key'; conflicting key: " + key, 409);
    }
    checkEdge(state, body);
    const doc = assemble(state, key, newRev(), JSONparse(JSONstringify(body)));
    put(database, state, doc);
    const result = header(state, key, doc._rev);
    if (opts.returnNew) result.new = JSONparse(call(MapGet, state.docs, key));
    return result;
  }
  function merge(target, patch, mergeObjects, keepNull) {
    const names = ObjectKeys(patch);
    for (let i = 0; i < names.length; i++) {
      const name = names[i];
      const value = patch[name];
      if (value === null && !keepNull) {
        delete target[name];
      } else if (mergeObjects && typeof value === "object" && value !== null && !isArray(value) &&
                 typeof target[name] === "object" && target[name] !== null && !isArray(target[name])) {
        merge(target[name], value, mergeObjects, keepNull);
      } else {
        target[name] = value;
      }
    }
    return target;
  }
  // update and replace: the same steps, but for how the new body comes from the old document
  function rewrite(database, state, selector, given, options, newBody) {
    if (typeof given !== "object" || given === null || isArray(given)) fail(1227, "invalid document type", 400);
    const key = keyOf(state, selector);
    const old = stored(state, key);
    const opts = options || {};
    checkRev(old, opts.http ? given : selector, opts);
    const body = newBody(old, JSONparse(JSONstringify(given)), opts);
    checkEdge(state, body);
    const doc = assemble(state, key, newRev(), body);
    put(database, state, doc);
    const result = header(state, key, doc._rev);
    result._oldRev = old._rev;
    if (opts.returnNew) result.new = doc;
    return withOld(result, old, opts);
  }
  function update(database, state, selector, patch, options) {
    return rewrite(database, state, selector, patch, options, (old, given, opts) =>
      merge(JSONparse(JSONstringify(old)), given, opts.mergeObjects !== false, opts.keepNull !== false));
  }
  function replace(database, state, selector, body, options) {
    return rewrite(database, state, selector, body, options, (old, given) => given);
  }
  function remove(database, state, selector, options) {
    const key = keyOf(state, selector);
    const old = stored(state, key);
    checkRev(old, selector, options);
    call(MapDelete, state.docs, key);
    log(["del", database, state.name, key]);
    return withOld(header(state, key, old._rev), old, options);
  }
  function truncate(database, state) {
    call(MapClear, state.docs);
    log(["truncate", database, state.name]);
  }
  function allDocuments(state) {
    const out = [];
    for (const text of call(MapValues, state.docs)) push(out, JSONparse(text));
    return out;
  }

  // -- The objects a command sees -------------------------------------------------------------------
  function collectionObject(database, name) {
    const state = () => requireCollection(database, name);
    // An array gives one result per element, errors in place, as ArangoDB's batch operations do.
    const many = (fn) => (first, ...rest) => {
      if (!isArray(first)) return fn(first, ...rest);
      const results = [];
      for (let i = 0; i < first.length; i++) {
        try {
          push(results, fn(first[i], ...rest));
        } catch (e) {
          if (!(e instanceof ArangoError)) throw e;
          push(results, { error: true, errorNum: e.errorNum, errorMessage: e.errorMessage });
        }
      }
      return results;
    };
    const object = {
      name: () => name,
      type: () => state().type,
      _id: undefined,
      save: many((doc, options) => insert(database, state(), doc, options)),
      document: many((selector) => stored(state(), keyOf(state(), selector))),
      exists(selector) {
        const s = state();
        const key = keyOf(s, selector);
        const text = call(MapGet, s.docs, key);
        return text === undefined ? false : header(s, key, JSONparse(text)._rev);
      },
      update: (selector, patch, options) => update(database, state(), selector, patch, options),
      replace: (selector, body, options) => replace(database, state(), selector, body, options),
      remove: many((selector, options) => remove(database, state(), selector, options)),
      count: () => state().docs.size,
      toArray: () => allDocuments(state()),
      all: () => ({ toArray: () => allDocuments(state()) }),
      truncate: () => { truncate(database, state()); },
      drop: () => { dropCollection(database, name); },
      properties: () => ({ waitForSync: false, keyOptions: { type: "traditional", allowUserKeys: true } }),
      toString: () => "[ArangoCollection " + state().id + ", \"" + name + "\" (type " +
        (state().type === 3 ? "edge" : "document") + ", status loaded)]",
    };
    object.insert = object.save;
    object._id = requireCollection(database, name).id;
    return Object.freeze(object);
  }
  function databaseView(database) {
    const methods = {
      _name: () => database,
      _id: () => (database === "_system" ? "1" : database),
      _create: (name, properties, type) => {
        createCollection(database, name, type === "edge" || type === 3 ? 3 : 2, !!(properties && properties.isSystem));
        return collectionObject(database, RealString(name));
      },
      _createDocumentCollection: (name) => methods._create(name),
      _createEdgeCollection: (name) => methods._create(name, {}, 3),
      _drop: (name) => { dropCollection(database, typeof name === "object" && name !== null ? name.name() : name); },
      _collection: (name) => (call(MapHas, collectionsOf(database), RealString(name)) ? collectionObject(database, RealString(name)) : null),
      _collections: () => ArrayFrom(call(MapKeys, collectionsOf(database)), (name) => collectionObject(database, name)),
      _truncate: (name) => { truncate(database, requireCollection(database, name)); },
      _document: (id) => {
        const text = RealString(typeof id === "object" && id !== null ? id._id : id);
        const slash = text.indexOf("/");
        if (slash === -1) fail(1205, "illegal document identifier", 400);
        return collectionObject(database, text.slice(0, slash)).document(text);
      },
      _query: () => fail(9, "not supported by fake-arango-tasks: AQL (db._query)", 501),
      _createStatement: () => fail(9, "not supported by fake-arango-tasks: AQL (db._createStatement)", 501),
      _executeTransaction: () => fail(9, "not supported by fake-arango-tasks: JavaScript transactions", 501),
    };
    return {
      get(name) {
        if (typeof name !== "string") return undefined;
        if (Object.prototype.hasOwnProperty.call(methods, name)) return methods[name];
        return call(MapHas, collectionsOf(database), name) ? collectionObject(database, name) : undefined;
      },
      has(name) {
        return typeof name === "string" &&
          (Object.prototype.hasOwnProperty.call(methods, name) || call(MapHas, collectionsOf(database), name));
      },
      keys() { return [...ObjectKeys(methods), ...call(MapKeys, collectionsOf(database))]; },
    };
  }

  // -- The interface for the prelude and Python --------------------------------------------------------
  function http(op, args) {
    const [database, name] = args;
    switch (op) {
      case "createCollection": return { id: createCollection(database, name, args[2], args[3]).id };
      case "dropCollection": {
        const state = dropCollection(database, name);
        if (state === false) fail(1203, "collection or view not found", 404);
        return { id: state.id };
      }
      case "truncate": truncate(database, requireCollection(database, name)); return true;
      case "insert": return insert(database, requireCollection(database, name), args[2], args[3]);
      case "update": return update(database, requireCollection(database, name), args[2], args[3], args[4]);
      case "replace": return replace(database, requireCollection(database, name), args[2], args[3], args[4]);
      case "remove": return remove(database, requireCollection(database, name), args[2], args[3]);
      case "dropDatabase": {
        call(MapDelete, databases, database);
        log(["dropdb", database]);
        return true;
      }
      default: fail(9, "unknown document operation " + op, 501);
    }
    return null;
  }
  function load(state) {
    call(MapClear, databases);
    for (const database of ObjectKeys(state.databases)) {
      const collections = collectionsOf(database);
      for (const meta of state.databases[database]) {
        const docs = new RealMap();
        for (const [key, text] of meta.docs) call(MapSet, docs, key, text);
        call(MapSet, collections, meta.name, { name: meta.name, id: meta.id, type: meta.type, docs });
      }
    }
    lastStamp = RealBigInt(state.lastRev || 0);
  }
  function drainOps() {
    const out = ops;
    ops = [];
    if (out.length > 0) push(out, ["rev", RealString(lastStamp)]);
    return out;
  }
  return {
    database: databaseView,
    http,
    load,
    drainOps,
  };
}
