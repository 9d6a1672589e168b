// -- node: the Node.js core modules ArangoDB 3.12 ships (path, querystring, util, events, assert,
// punycode, url) ------------------------------------------------------------------------------
// ArangoDB's require (js/common/bootstrap/modules.js, after Node 4.1's lib/module.js) answers the
// "native" modules defined at bootstrap (js/common/bootstrap/modules/*.js: path, events, assert,
// buffer, process, ...) and looks everything else up in its module paths, js/node/ among them
// (js/node/util.js, querystring.js, url.js, punycode.js). Those files are Node's lib of the
// 4.x/5.x era (MIT), with ArangoDB's changes; the node_*.js sections that follow port them, one
// file and one closure per module (no names leak into the prelude's), keeping their results
// (messages included), with the prelude's captured built-ins; this section captures what they
// share. What ArangoDB's copies have and the fake leaves out throws ArangoError 9.
const StringSubstr = String.prototype.substr;
const StringSubstring = String.prototype.substring;
const StringIndexOf = String.prototype.indexOf;
const StringMatch = String.prototype.match;
const ArrayPop = Array.prototype.pop;
const ArrayConcat = Array.prototype.concat;
const ArrayFilter = Array.prototype.filter;
const ArrayForEach = Array.prototype.forEach;
const ArrayReduce = Array.prototype.reduce;
const RealArray = Array;
const RealNumber = Number;
const RealDecodeURIComponent = decodeURIComponent;
const getOwnPropertyNames = Object.getOwnPropertyNames;
const ObjectToString = Object.prototype.toString;
const RegExpToString = RegExp.prototype.toString;
const DateToString = RealDate.prototype.toString;
const DateToUTCString = RealDate.prototype.toUTCString;
const ErrorToString = ErrorCtor.prototype.toString;
const SymbolToString = Symbol.prototype.toString;
