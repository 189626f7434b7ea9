using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Simplification;

/// <summary>
/// Merges a sum of two selections on one condition: <c>(c ? a : 0) + (c ? 0 : b)</c>, the tangent of
/// <c>Math.Max</c> with its tie rule, becomes <c>c ? a : b</c>. Both arms keep their exact operations,
/// so the value is the same. Used on forward-mode code, where every Max, Min and Abs produces one.
/// </summary>
internal static class SelectSums
{
    public static List<CodeStmt> Merge(IEnumerable<CodeStmt> block) => block.Select(statement => statement switch
    {
        CodeDeclare d => d with { Value = Merge(d.Value) },
        CodeAssign a => a with { Value = Merge(a.Value) },
        CodeAddTo a => a with { Value = Merge(a.Value) },
        CodeIf i => i with { Then = Merge(i.Then).ToEquatableArray(), Else = Merge(i.Else).ToEquatableArray() },
        CodeFor f => f with { Body = Merge(f.Body).ToEquatableArray() },
        _ => statement,
    }).ToList();

    private static Expr Merge(Expr expr) => ExprRewriter.Rewrite(expr, node =>
        node is Binary { Operator: BinaryOperator.Add, Left: Select left, Right: Select right } && left.Condition.Equals(right.Condition)
            ? Simplifier.Simplify(new Select(left.Condition, E.Add(left.WhenTrue, right.WhenTrue), E.Add(left.WhenFalse, right.WhenFalse)))
            : node);
}
