using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Sums whose terms' derivatives need nothing the iteration computed (<c>s += a[i] * x</c>,
/// <c>s += Math.Sin(a[i])</c>): instead of accumulating each array's partials in a pooled buffer during
/// the forward loop and adding adjoint * buffer afterwards, the reverse sweep runs the iteration's
/// derivative once more, now that the sum's adjoint is known, and adds straight into the gradient
/// output. Same work per element, no buffer, no copy loop; any number of such sums over one array
/// share the output.
/// </summary>
internal sealed partial class ReverseSweep
{
    /// <summary>Whether a fused iteration's reverse code reads nothing the iteration computed, so it can run in the reverse sweep.</summary>
    private bool CanRunInReverseSweep(FusedDraft draft, List<CodeStmt> code)
    {
        if (draft.Shape.Scratch.Count > 0 || draft.Arrays.All(a => a.Direct) || !IsPlainArithmetic(code))
        {
            return false; // a direct array needs no buffer already; scratch arrays are rewritten every iteration
        }

        var read = new HashSet<string>();
        CollectFreeVariables(code, read);
        if (read.Overlaps(draft.BodyNames))
        {
            return false; // the derivative reads a value of the iteration: keep it where that value is
        }

        // An array written anywhere may hold other elements by the time the reverse sweep gets here.
        IEnumerable<string> arrays = code.SelectMany(ExpressionsOf).SelectMany(Normalization.ExprRewriter.VariablesAndArrays);
        return !arrays.Any(name => IsWrittenIn(topLevel, name));
    }

    /// <summary>The loop again, in source order, with each array partial scaled by the adjoint and added to the output.</summary>
    private void ReverseRecomputedSum(ForStatement loop, FusedIteration iteration, Expr adjoint)
    {
        var outputs = iteration.Arrays.ToDictionary(a => a.Buffer, a => arrayAdjoints[a.Outer]);
        List<CodeStmt> body = iteration.Code.Select(statement => statement is CodeAddTo add && add.Index is not null && outputs.TryGetValue(add.Name, out string? target)
            ? new CodeAddTo(target, E.Mul(adjoint, add.Value), add.Index)
            : statement).ToList();
        output.Add(new CodeFor(loop.Counter, loop.Start, EndOf(loop), loop.Descending, body.ToEquatableArray()));
    }

    private static IEnumerable<Expr> ExpressionsOf(CodeStmt statement) => statement switch
    {
        CodeAddTo { Index: { } index } add => new[] { add.Value, index },
        CodeAddTo add => new[] { add.Value },
        CodeDeclare declare => new[] { declare.Value },
        _ => System.Array.Empty<Expr>(),
    };

    /// <summary>Only straight-line additions and declarations: nested loops and branches stay fused.</summary>
    private static bool IsPlainArithmetic(IEnumerable<CodeStmt> block) =>
        block.All(statement => statement is CodeAddTo or CodeDeclare or CodeComment or CodeBlankLine);
}
