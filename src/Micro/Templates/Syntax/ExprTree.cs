namespace Micro.Templates.Syntax;

/// <summary>
/// Walks expression trees without recursion, so it can measure a tree that is too deep for the recursive
/// passes (compiler, evaluator) before they see it: <c>1+1+…</c> and <c>x|e|e|…</c> parse in a loop into
/// left-deep trees of any depth.
/// </summary>
internal static class ExprTree
{
    /// <summary>The first node found deeper than <paramref name="maxDepth"/> (the root is at depth 1), or null.</summary>
    public static Expr? TooDeep(Expr root, int maxDepth)
    {
        var stack = new Stack<(Expr Node, int Depth)>();
        var children = new List<Expr>();
        stack.Push((root, 1));
        while (stack.Count > 0)
        {
            var (node, depth) = stack.Pop();
            if (depth > maxDepth)
            {
                return node;
            }

            children.Clear();
            AddChildren(node, children);
            foreach (var child in children)
            {
                stack.Push((child, depth + 1));
            }
        }

        return null;
    }

    /// <summary>Adds the direct sub-expressions of <paramref name="e"/> to <paramref name="into"/>.</summary>
    public static void AddChildren(Expr e, List<Expr> into)
    {
        switch (e)
        {
            case GetattrExpr g:
                into.Add(g.Target);
                break;
            case GetitemExpr gi:
                into.Add(gi.Target);
                into.Add(gi.Key);
                break;
            case SliceExpr s:
                AddIf(s.Start, into);
                AddIf(s.Stop, into);
                AddIf(s.Step, into);
                break;
            case BinaryExpr b:
                into.Add(b.Left);
                into.Add(b.Right);
                break;
            case UnaryExpr u:
                into.Add(u.Operand);
                break;
            case CondExpr c:
                into.Add(c.Test);
                into.Add(c.Then);
                AddIf(c.Else, into);
                break;
            case FilterExpr f:
                AddIf(f.Value, into);
                AddArgs(f.Args, into);
                break;
            case TestExpr t:
                into.Add(t.Value);
                AddArgs(t.Args, into);
                break;
            case CallExpr call:
                into.Add(call.Callee);
                AddArgs(call.Args, into);
                break;
            case ListExpr l:
                into.AddRange(l.Items);
                break;
            case TupleExpr t:
                into.AddRange(t.Items);
                break;
            case DictExpr d:
                foreach (var (k, v) in d.Pairs)
                {
                    into.Add(k);
                    into.Add(v);
                }

                break;
        }
    }

    private static void AddArgs(CallArgs args, List<Expr> into)
    {
        into.AddRange(args.Positional);
        foreach (var (_, v) in args.Keywords)
        {
            into.Add(v);
        }

        AddIf(args.Star, into);
        AddIf(args.DoubleStar, into);
    }

    private static void AddIf(Expr? e, List<Expr> into)
    {
        if (e is not null)
        {
            into.Add(e);
        }
    }
}
