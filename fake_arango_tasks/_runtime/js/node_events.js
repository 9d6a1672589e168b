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
