using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Emission;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Vectorization;

/// <summary>
/// Whether a row's tape operations balance, for row lanes (<see cref="RowLanes"/>): a group of rows pushes and pops
/// whole vectors, which keeps the tape's order only when every value a row pushes is popped again in the same row.
/// </summary>
internal static class TapeBalance
{
    /// <summary>
    /// Whether the body pops every value it pushes: its tape operations, with the loops around them, are a run of
    /// pushes followed by its mirror image, each loop of the pops counting down over exactly the range its push loop
    /// counted up (or the other way round), and no tape operation sits in a branch.
    /// </summary>
    internal static bool IsBalanced(IReadOnlyList<CodeStmt> body)
    {
        if (Skeleton(body) is not { } items)
        {
            return false;
        }

        int firstPop = items.FindIndex(item => !item.PushesOnly);
        if (firstPop < 0)
        {
            return items.Count == 0;
        }

        List<TapeItem> pushes = items.Take(firstPop).ToList();
        List<TapeItem> pops = items.Skip(firstPop).ToList();
        return pushes.All(p => p.PushesOnly) && pops.All(p => p.PopsOnly) && Mirrors(pushes, pops);
    }

    private static bool Mirrors(List<TapeItem> pushes, List<TapeItem> pops)
    {
        if (pushes.Count != pops.Count)
        {
            return false;
        }

        for (int i = 0; i < pushes.Count; i++)
        {
            TapeItem push = pushes[i];
            TapeItem pop = pops[pops.Count - 1 - i];
            if (push.Loop is null != (pop.Loop is null) || push.IsInt != pop.IsInt)
            {
                return false;
            }

            if (push.Loop is { } forward && pop.Loop is { } backward
                && (!SameRange(forward, backward) || !Mirrors(push.Inner, pop.Inner)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether two loops run the same counter values in opposite orders.</summary>
    private static bool SameRange(CodeFor forward, CodeFor backward)
    {
        if (forward.Descending == backward.Descending || forward.Exit is not null || backward.Exit is not null)
        {
            return false;
        }

        (CodeFor up, CodeFor down) = forward.Descending ? (backward, forward) : (forward, backward);
        return RowPrivateArrays.SameInt(up.Start, down.End) && RowPrivateArrays.SameInt(new Binary(BinaryOperator.Subtract, up.End, new IntConstant(1), ValueKind.Int), down.Start);
    }

    /// <summary>A push, a pop, or a loop and the tape operations inside it.</summary>
    private sealed record TapeItem(bool IsPush, CodeFor? Loop, List<TapeItem> Inner)
    {
        /// <summary>An int (a loop's index, the same for every row: one value per group) rather than a vector per group.</summary>
        public bool IsInt { get; init; }

        public bool PushesOnly => Loop is null ? IsPush : Inner.All(i => i.PushesOnly);

        public bool PopsOnly => Loop is null ? !IsPush : Inner.All(i => i.PopsOnly);
    }

    /// <summary>The tape operations of <paramref name="block"/> in order with their loops; null when one sits in a branch or is not a real value.</summary>
    private static List<TapeItem>? Skeleton(IReadOnlyList<CodeStmt> block)
    {
        var items = new List<TapeItem>();
        foreach (CodeStmt statement in block)
        {
            switch (statement)
            {
                case CodeTapePush { Tangent: false, Value.Kind: ValueKind.Double or ValueKind.Bool or ValueKind.Int } push:
                    if (ExprRewriter.Contains(push.Value, e => e is TapePop))
                    {
                        return null;
                    }

                    items.Add(new TapeItem(true, null, new List<TapeItem>()) { IsInt = push.Value.Kind == ValueKind.Int });
                    break;
                case CodeTapePush:
                    return null;
                case CodeIf branch when CodeWalker.All(branch.Then.Concat(branch.Else)).Any(HasTape) || ExprRewriter.Contains(branch.Condition, e => e is TapePop):
                    return null;
                case CodeFor loop:
                    if (CodeWalker.ExpressionsOf(loop).Any(e => ExprRewriter.Contains(e, node => node is TapePop)) || Skeleton(loop.Body) is not { } inner)
                    {
                        return null;
                    }

                    if (inner.Count > 0)
                    {
                        items.Add(new TapeItem(false, loop, inner));
                    }

                    break;
                default:
                    foreach (Expr expr in CodeWalker.ExpressionsOf(statement))
                    {
                        int pops = Count(expr);
                        // A pop is a declaration's whole value, or an element's (a scratch array's contents put back).
                        bool whole = statement is CodeDeclare || (statement is CodeAssign { Index: not null } assign && ReferenceEquals(assign.Value, expr));
                        if (pops > 1 || (pops == 1 && !(expr is TapePop { PoppedKind: ValueKind.Double or ValueKind.Bool or ValueKind.Int, Tangent: false } && whole)))
                        {
                            return null;
                        }

                        if (pops == 1)
                        {
                            items.Add(new TapeItem(false, null, new List<TapeItem>()) { IsInt = expr.Kind == ValueKind.Int });
                        }
                    }

                    break;
            }
        }

        return items;
    }

    /// <summary>Whether the statement pushes or pops (not counting statements nested in it).</summary>
    internal static bool HasTape(CodeStmt statement) => statement is CodeTapePush || CodeWalker.ExpressionsOf(statement).Any(e => ExprRewriter.Contains(e, node => node is TapePop));

    /// <summary>The pops in an expression.</summary>
    internal static int Count(Expr expr)
    {
        int count = 0;
        ExprRewriter.Contains(expr, node =>
        {
            if (node is TapePop)
            {
                count++;
            }

            return false;
        });
        return count;
    }
}
