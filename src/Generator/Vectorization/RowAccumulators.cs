using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Vectorization;

/// <summary>
/// The sums a fused row threads through its locals, for row lanes (<see cref="RowLanes"/>): the row copies its
/// accumulator (<c>double total3 = total;</c>), adds to the copy, possibly through other locals and branches
/// (<c>total6 = total3 + e;</c> in both arms of an if), and stores the result back once at the top level
/// (<c>total = total3;</c>). In lanes each such local holds, per row, its value minus the accumulator's (the copy
/// starts at -0.0), and the store adds the lanes to the accumulator (<c>total += Lanes.Sum(total3);</c>). That is the
/// same sum in another order, valid only when the accumulator's value flows through additions alone; so an
/// accumulating local may only be declared with a constant that is never read (a dead start), set to
/// <c>u</c>, <c>u + e</c>, <c>e + u</c> or <c>u - e</c> (u accumulating and set on every path before, e reading no
/// accumulating local), added to, and read only in those forms and the store.
/// </summary>
internal static class RowAccumulators
{
    /// <summary>The accumulators' copies; null when an accumulating local is used in any other way.</summary>
    public static List<RowCarry>? Find(IReadOnlyList<CodeStmt> body)
    {
        List<CodeStmt> all = CodeWalker.All(body);
        var carries = new List<RowCarry>();
        var stores = new List<CodeStmt>();
        for (int position = 0; position < body.Count; position++)
        {
            if (body[position] is not CodeDeclare { Kind: ValueKind.Double, Value: Variable { Kind: ValueKind.Double } target } declare
                || all.Any(s => s is CodeDeclare d && d.Name == target.Name))
            {
                continue;
            }

            List<CodeStmt> naming = all.Where(s => !ReferenceEquals(s, declare) && Names(s).Contains(target.Name)).ToList();
            if (naming.Count == 1 && naming[0] is CodeAssign { Index: null, Value: Variable } store && store.Name == target.Name
                && Position(body, store) > position)
            {
                carries.Add(new RowCarry(declare.Name, target.Name));
                stores.Add(store);
            }
        }

        var accumulating = new HashSet<string>(carries.Select(c => c.Copy));
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (CodeStmt statement in all)
            {
                (string? name, Expr? value) = statement switch
                {
                    CodeDeclare { Kind: ValueKind.Double } d => (d.Name, d.Value),
                    CodeAssign { Index: null } a when !stores.Any(x => ReferenceEquals(x, a)) => (a.Name, a.Value),
                    _ => (null, null),
                };
                if (name is not null && value is not null && ExprRewriter.ReadsAny(value, accumulating) && accumulating.Add(name))
                {
                    grew = true;
                }
            }
        }

        if (accumulating.Count == 0)
        {
            return carries;
        }

        var flow = new Flow(accumulating, stores, new HashSet<string>(carries.Select(c => c.Copy)));
        return flow.Block(body, new HashSet<string>()) is null ? null : carries;
    }

    /// <summary>Checks the forms and that every accumulating local read was set on every path before (the live set).</summary>
    private sealed class Flow
    {
        private readonly HashSet<string> accumulating;
        private readonly List<CodeStmt> stores;
        private readonly HashSet<string> copies;

        public Flow(HashSet<string> accumulating, List<CodeStmt> stores, HashSet<string> copies)
        {
            this.accumulating = accumulating;
            this.stores = stores;
            this.copies = copies;
        }

        /// <summary>The live set after <paramref name="block"/>, or null when it breaks a rule.</summary>
        public HashSet<string>? Block(IEnumerable<CodeStmt> block, HashSet<string> live)
        {
            foreach (CodeStmt statement in block)
            {
                if (Statement(statement, live) is not { } next)
                {
                    return null;
                }

                live = next;
            }

            return live;
        }

        private HashSet<string>? Statement(CodeStmt statement, HashSet<string> live)
        {
            switch (statement)
            {
                case CodeDeclare d when copies.Contains(d.Name):
                    return With(live, d.Name);
                case CodeDeclare { Value: Constant } d when accumulating.Contains(d.Name):
                    return Without(live, d.Name);
                case CodeDeclare d when accumulating.Contains(d.Name):
                    return IsForm(d.Value, live) ? With(live, d.Name) : null;
                case CodeAssign { Index: null, Value: Variable v } a when stores.Any(x => ReferenceEquals(x, a)):
                    return live.Contains(v.Name) ? live : null;
                case CodeAssign { Index: null } a when accumulating.Contains(a.Name):
                    return IsForm(a.Value, live) ? With(live, a.Name) : null;
                case CodeAddTo { Index: null } a when accumulating.Contains(a.Name):
                    return live.Contains(a.Name) && !ExprRewriter.ReadsAny(a.Value, accumulating) ? live : null;
                case CodeIf branch:
                    if (ExprRewriter.ReadsAny(branch.Condition, accumulating) || Block(branch.Then, new HashSet<string>(live)) is not { } then || Block(branch.Else, new HashSet<string>(live)) is not { } otherwise)
                    {
                        return null;
                    }

                    then.IntersectWith(otherwise);
                    return then;
                case CodeFor loop:
                    // The loop may run no iteration, and an iteration reads what the one before set only if it was live before it.
                    return CodeWalker.ExpressionsOf(loop).Any(e => ExprRewriter.ReadsAny(e, accumulating)) || Block(loop.Body, new HashSet<string>(live)) is null ? null : live;
                default:
                    return Names(statement).Overlaps(accumulating) ? null : live;
            }
        }

        /// <summary><c>u</c>, <c>u + e</c>, <c>e + u</c> or <c>u - e</c>: u a live accumulating local, e reading none.</summary>
        private bool IsForm(Expr value, HashSet<string> live) => value switch
        {
            Variable v => live.Contains(v.Name),
            Binary { Operator: BinaryOperator.Add, Left: Variable u } b when accumulating.Contains(u.Name) => live.Contains(u.Name) && !ExprRewriter.ReadsAny(b.Right, accumulating),
            Binary { Operator: BinaryOperator.Add, Right: Variable u } b when accumulating.Contains(u.Name) => live.Contains(u.Name) && !ExprRewriter.ReadsAny(b.Left, accumulating),
            Binary { Operator: BinaryOperator.Subtract, Left: Variable u } b when accumulating.Contains(u.Name) => live.Contains(u.Name) && !ExprRewriter.ReadsAny(b.Right, accumulating),
            _ => false,
        };

        private static HashSet<string> With(HashSet<string> live, string name) => new(live) { name };

        private static HashSet<string> Without(HashSet<string> live, string name)
        {
            var next = new HashSet<string>(live);
            next.Remove(name);
            return next;
        }
    }

    private static int Position(IReadOnlyList<CodeStmt> body, CodeStmt statement)
    {
        for (int i = 0; i < body.Count; i++)
        {
            if (ReferenceEquals(body[i], statement))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Every name <paramref name="statement"/> (not counting statements inside it) reads or writes.</summary>
    internal static HashSet<string> Names(CodeStmt statement)
    {
        var names = new HashSet<string>(CodeWalker.ExpressionsOf(statement).SelectMany(ExprRewriter.VariablesAndArrays));
        switch (statement)
        {
            case CodeDeclare d:
                names.Add(d.Name);
                break;
            case CodeAssign a:
                names.Add(a.Name);
                break;
            case CodeAddTo a:
                names.Add(a.Name);
                break;
            case CodeFor f:
                names.Add(f.Counter);
                break;
            case CodeTiledDot dot:
                names.Add(dot.Sum.Name);
                names.Add(dot.Span);
                break;
            case CodeDeferredUpdate update:
                names.Add(update.Span);
                break;
        }

        return names;
    }
}
