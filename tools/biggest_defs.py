"""Top 3 classes and top 3 functions of a package by lines (end_lineno - lineno + 1, decorators excluded),
nested ones included: python tools/biggest_defs.py fake_arango_tasks (docs/mutation.md)."""
import ast, sys, pathlib
root = pathlib.Path(sys.argv[1])
classes, funcs = [], []
for path in sorted(root.rglob("*.py")):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rel = path.relative_to(root.parent)
    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                name = prefix + child.name
                classes.append((child.end_lineno - child.lineno + 1, f"{rel}:{name}"))
                walk(child, name + ".")
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = prefix + child.name
                funcs.append((child.end_lineno - child.lineno + 1, f"{rel}:{name}"))
                walk(child, name + ".")
            else:
                walk(child, prefix)
    walk(tree, "")
for title, items in (("classes", classes), ("functions", funcs)):
    print(title)
    for n, name in sorted(items, reverse=True)[:3]:
        print(f"  {n:5d}  {name}")
