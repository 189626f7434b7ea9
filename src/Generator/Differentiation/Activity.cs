using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Activity analysis: the scalars and arrays whose values depend on a differentiated parameter.
/// Loops make it a fixpoint (a carried variable becomes active through its back edge, which its
/// iteration-start copy then inherits on the next pass). Names in <c>inactive</c> (log-sum-exp shifts,
/// <see cref="ShiftInvariance"/>) never become active: their derivative is zero whatever they read.
/// </summary>
internal static class Activity
{
    public static HashSet<string> Compute(IReadOnlyList<Stmt> body, IEnumerable<string> differentiated, ISet<string>? inactive = null)
    {
        var active = new HashSet<string>(differentiated);
        List<Stmt> all = StatementWalker.All(body);
        ISet<string> never = inactive ?? new HashSet<string>();
        bool changed = true;
        while (changed)
        {
            changed = Visit(all, active, never);
        }

        return active;
    }

    public static bool IsActive(Expr expr, ISet<string> active) =>
        expr.Kind == ValueKind.Double && ExprRewriter.ReadsAny(expr, active);

    /// <summary>Whether a call's argument carries a derivative: an active double value, or an active array passed whole.</summary>
    public static bool IsActiveArgument(Expr argument, ISet<string> active) =>
        IsActive(argument, active) || argument is ArrayArgument array && active.Contains(array.Array);

    /// <summary>
    /// Whether the block (nested blocks included) assigns an active name or writes an element (whose old
    /// element the reverse sweep restores): what gives a branch or a loop reverse code.
    /// </summary>
    public static bool HasActiveWork(IEnumerable<Stmt> block, ISet<string> active) =>
        StatementWalker.All(block).Any(s => s is ElementAssignStatement || (s is AssignStatement a && active.Contains(a.Target)) || (s is VectorCallStatement call && active.Contains(call.Output)));

    /// <summary>One pass over every statement in source order (from <see cref="StatementWalker.All"/>); whether it made a name active.</summary>
    private static bool Visit(List<Stmt> all, HashSet<string> active, ISet<string> never)
    {
        bool changed = false;
        foreach (Stmt statement in all)
        {
            if (statement is AssignStatement assign && !active.Contains(assign.Target) && !never.Contains(assign.Target) && IsActive(assign.Value, active))
            {
                changed |= active.Add(assign.Target);
            }
            else if (statement is ElementAssignStatement element && !active.Contains(element.Array) && IsActive(element.Value, active))
            {
                changed |= active.Add(element.Array);
            }
            else if (statement is VectorCallStatement call && !active.Contains(call.Output) && call.Arguments.Any(a => IsActiveArgument(a, active)))
            {
                changed |= active.Add(call.Output);
            }
        }

        return changed;
    }
}
