using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using SymGrad.Generator.IR;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// The source's local arrays (<c>double[] z = new double[k]</c>) that the generated methods take from
/// <c>ScratchPool&lt;double&gt;</c> instead of allocating, so a steady-state gradient call allocates nothing
/// (issue 12). The generated code holds such an array as a <c>Span&lt;double&gt;</c> of exactly the declared length
/// over cleared memory (so <c>z.Length</c> and every element read as the source's array would): on the stack when it
/// has at most 64 elements (<c>Emission/StackScratch.cs</c>), else a rented buffer returned at the end, with the
/// adjoint buffers. A negative length throws <c>ArgumentOutOfRangeException</c>
/// from <c>Rent</c> where the method's <c>new double[n]</c> throws <c>OverflowException</c>. An array qualifies when:
/// <list type="bullet">
/// <item>it is declared at the top level of the body with <c>new</c>: not in a branch (an early return moves later
/// declarations into one, whose scope the return at the end cannot see; local arrays in loops are SYMGRAD0018), and
/// not <c>stackalloc</c> (free already);</item>
/// <item>its length calls nothing (the pooled form evaluates it more than once: for the rented buffer, the span and
/// the adjoint's buffer);</item>
/// <item>it is never passed whole to a call (a user method or a vector-valued callee takes a <c>double[]</c>, and
/// may keep or size it) nor named inside code printed as written.</item>
/// </list>
/// </summary>
internal static class LocalArrayPooling
{
    public static HashSet<string> Poolable(IReadOnlyList<Stmt> body)
    {
        var candidates = new HashSet<string>(body.OfType<ArrayDeclareStatement>().Where(d => !d.StackAlloc && !ExprRewriter.CallsOut(d.Length)).Select(d => d.Name));
        if (candidates.Count == 0)
        {
            return candidates;
        }

        foreach (Stmt statement in StatementWalker.All(body))
        {
            if (statement is VectorCallStatement call)
            {
                candidates.Remove(call.Output);
            }

            foreach (Expr expr in StatementWalker.ExpressionsOf(statement))
            {
                ExprRewriter.Rewrite(expr, node =>
                {
                    switch (node)
                    {
                        case ArrayArgument passed:
                            candidates.Remove(passed.Array);
                            break;
                        case Opaque opaque:
                            candidates.RemoveWhere(name => Regex.IsMatch(opaque.Code, @"\b" + Regex.Escape(name) + @"\b"));
                            break;
                    }

                    return node;
                });
            }
        }

        return candidates;
    }
}
