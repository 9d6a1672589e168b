// -- @arangodb/users: the users module on the fake's users (_host/_users.py: v8-users.cpp's
// rules); exists() is the module's own JavaScript over document(), as in users.js.
const userOp = (name) => function (...args) { return host("users." + name, ...args); };
const users = {};
for (const name of ["save", "replace", "update", "remove", "document", "reload", "grantDatabase", "revokeDatabase",
  "grantCollection", "revokeCollection", "updateConfigData", "configData", "permission", "currentUser",
  "isAuthActive", "all", "isValid"]) {
  users[name] = userOp(name);
}
users.exists = function (username) {
  try {
    users.document(username);
    return true;
  } catch (e) {
    if (e instanceof ArangoError && e.errorNum === 1703) return false;
    throw e;
  }
};
