using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Activity analysis: the scalars and arrays whose values depend on a differentiated parameter.
/// Loops make it a fixpoint (a carried variable becomes active through its back edge, which its
/// iteration-start copy then inherits on the next pass).
/// </summary>
internal static class Activity
{
    public static HashSet<string> Compute(IReadOnlyList<Stmt> body, IEnumerable<string> differentiated)
    {
        var active = new HashSet<string>(differentiated);
        bool changed = true;
        while (changed)
        {
            changed = Visit(body, active);
        }

        return active;
    }

    public static bool IsActive(Expr expr, ISet<string> active) =>
        expr.Kind == ValueKind.Double && ExprRewriter.ReadsAny(expr, active);

    private static bool Visit(IEnumerable<Stmt> block, HashSet<string> active)
    {
        bool changed = false;
        foreach (Stmt statement in block)
        {
            switch (statement)
            {
                case AssignStatement assign when !active.Contains(assign.Target) && IsActive(assign.Value, active):
                    changed |= active.Add(assign.Target);
                    break;
                case ElementAssignStatement element when !active.Contains(element.Array) && IsActive(element.Value, active):
                    changed |= active.Add(element.Array);
                    break;
                case IfStatement branch:
                    changed |= Visit(branch.Then, active);
                    changed |= Visit(branch.Else, active);
                    break;
                case ForStatement loop:
                    changed |= Visit(loop.Body, active);
                    break;
            }
        }

        return changed;
    }
}
