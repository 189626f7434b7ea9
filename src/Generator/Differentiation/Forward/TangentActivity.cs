using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Differentiation.Forward;

/// <summary>
/// Which names of a generated program carry a tangent: the differentiated parameters, and every
/// scalar or array a statement writes from a value with a tangent. Values read back from the tape
/// carry one (the tangent tape holds it). Loops make this a fixed point: a variable written late in
/// a body is read early in the next iteration, so the walk repeats until nothing changes. Names
/// outside the set have a tangent of exactly 0, so no code is written for them.
/// </summary>
internal static class TangentActivity
{
    public static HashSet<string> Compute(IReadOnlyList<CodeStmt> program, IEnumerable<string> seeds)
    {
        var active = new HashSet<string>(seeds);
        int before;
        do
        {
            before = active.Count;
            Visit(program, active);
        }
        while (active.Count != before);

        return active;
    }

    /// <summary>Whether <paramref name="expr"/> has a tangent that is not identically 0.</summary>
    public static bool HasTangent(Expr expr, ISet<string> active) => expr switch
    {
        _ when expr.Kind != ValueKind.Double => false,
        Variable v => active.Contains(v.Name),
        ElementRead r => active.Contains(r.Array),
        TapePop => true,
        Unary u => HasTangent(u.Operand, active),
        Binary b => HasTangent(b.Left, active) || HasTangent(b.Right, active),
        Call c => HasTangent(c.First, active) || (c.Second is not null && HasTangent(c.Second, active)),
        Select s => HasTangent(s.WhenTrue, active) || HasTangent(s.WhenFalse, active),
        VectorCall v => active.Contains(v.First) || (v.Second is not null && active.Contains(v.Second)),
        UserCall u => u.Arguments.Any(a => a is ArrayArgument array ? active.Contains(array.Array) : HasTangent(a, active)),
        _ => false,
    };

    private static void Visit(IEnumerable<CodeStmt> program, HashSet<string> active)
    {
        foreach (CodeStmt statement in CodeWalker.All(program))
        {
            switch (statement)
            {
                case CodeDeclare declare when HasTangent(declare.Value, active):
                    active.Add(declare.Name);
                    break;
                case CodeAssign assign when HasTangent(assign.Value, active):
                    active.Add(assign.Name);
                    break;
                case CodeAddTo add when HasTangent(add.Value, active):
                    active.Add(add.Name);
                    break;
                case CodeInvoke { VectorOutput: { } written } call when call.Arguments.Any(a => a.Value is ArrayArgument array ? array.Array != written && active.Contains(array.Array) : HasTangent(a.Value, active)):
                    // A vector-valued method's call: its output depends on its inputs.
                    active.Add(written);
                    break;
                case CodeInvoke invoke when invoke.Arguments.Any(a => a.Passing == Passing.Value && (a.Value is ArrayArgument array ? active.Contains(array.Array) : HasTangent(a.Value, active))):
                    // A derivative method of a callee: its outputs depend on its inputs.
                    foreach (CodeArgument output in invoke.Arguments.Where(a => a.Passing is Passing.Ref or Passing.OutDeclare))
                    {
                        active.Add(((Variable)output.Value).Name);
                    }

                    break;
            }
        }
    }
}
