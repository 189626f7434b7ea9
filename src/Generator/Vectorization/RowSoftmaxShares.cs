using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Vectorization;

/// <summary>
/// Softmax shares kept by row lanes (issue 12; docs/how-it-works.md, "Row lanes"). The rule table's partial of
/// <c>SymMath.LogSoftmax(z, y)</c> and <c>SymMath.LogSumExp(z)</c> with respect to <c>z[j]</c> reads
/// <c>exp(z[j] - logSumExp)</c>, every element's exp taken again in the reverse although the forward call took
/// <c>exp(z[j] - max)</c> for its sum a moment before (ten of a softmax group's twenty lane exps). When a row lanes'
/// body declares such a call on a private array directly (<c>double logSoftmax = SymMath.LogSoftmax(z, y[i]);</c>), its
/// reverse names the call's log-sum-exp (<c>double logSumExp = z[y[i]] - logSoftmax;</c>, for LogSoftmax), reads
/// <c>Math.Exp(z[j] - logSumExp)</c>, and nothing after the call writes <c>z</c> or either name, the call also writes
/// each element's share into a row of vectors (<c>Lanes.LogSoftmax(zLanesRead, label, zShares)</c>: the kept exps times
/// the sum's reciprocal) and those reads become <c>zShares[j]</c>; the log-sum-exp local is not declared when nothing else
/// reads it. The call's value keeps its bits; a share is within a few ulps of the exp taken again (the lanes' exp already
/// differs from Math's in the last bits), except where the reverse's <c>z[y] - logSoftmax</c> cancels (docs/how-it-works.md).
/// </summary>
internal static class RowSoftmaxShares
{
    /// <summary>The body's calls whose shares the reverse can read, each with its names.</summary>
    /// <param name="isUniform">Whether an index is the same in every row of a group (a share read's index must be).</param>
    public static List<SoftmaxShares> Find(IReadOnlyList<CodeStmt> body, ICollection<string> privates, System.Func<Expr, bool> isUniform, NameAllocator names)
    {
        var found = new List<SoftmaxShares>();
        for (int at = 0; at < body.Count; at++)
        {
            if (body[at] is not CodeDeclare { Kind: ValueKind.Double, Value: VectorCall { Function: VectorFunction.LogSoftmax or VectorFunction.LogSumExp, Second: null } call } declare
                || !privates.Contains(call.First))
            {
                continue;
            }

            List<CodeStmt> after = body.Skip(at + 1).ToList();
            string logSumExp = declare.Name;
            if (call.Function == VectorFunction.LogSoftmax)
            {
                CodeDeclare? prelude = after.OfType<CodeDeclare>().FirstOrDefault(d => IsLogSumExpOf(d, call, declare.Name));
                if (prelude is null)
                {
                    continue;
                }

                logSumExp = prelude.Name;
                after.Remove(prelude);
            }

            if (LoopEffects.Of(after) is not { } effects || effects.Writes(call.First) || effects.Writes(declare.Name) || effects.Writes(logSumExp))
            {
                continue;
            }

            // Each expression after the call with its share reads taken out: none taken out, no shares; the prelude's
            // local goes when the shares were its only readers (a LogSoftmax's; a LogSumExp's is the call itself).
            bool IsShare(Expr x) => IsShareRead(x, call.First, logSumExp, isUniform);
            List<(Expr Read, Expr Without)> reads = CodeWalker.All(after).SelectMany(CodeWalker.ExpressionsOf).Select(e => (e, ExprRewriter.Rewrite(e, x => IsShare(x) ? E.Num(0) : x))).ToList();
            if (reads.All(r => r.Without.Equals(r.Read)))
            {
                continue;
            }

            bool readElsewhere = logSumExp == declare.Name || reads.Any(r => ExprRewriter.Reads(r.Without, logSumExp));
            found.Add(new SoftmaxShares(call.First, declare.Name, logSumExp, names.Allocate(call.First + "Shares"), names.Allocate(call.First + "SharesBuffer"), readElsewhere));
        }

        return found;
    }

    /// <summary>
    /// Whether <paramref name="expr"/> is <c>Math.Exp(z[j] - logSumExp)</c> with j the same in every row of the group:
    /// element j's share (the analysis and the printer both ask this, so a local is dropped only where every read of it
    /// is printed as a share).
    /// </summary>
    public static bool IsShareRead(Expr expr, string array, string logSumExp, System.Func<Expr, bool> isUniform) =>
        expr is Call { Function: MathFunction.Exp, Second: null, First: Binary { Operator: BinaryOperator.Subtract, Left: ElementRead { Array: var read } element, Right: Variable { Name: var name } } }
        && read == array && name == logSumExp && isUniform(element.Index);

    /// <summary>The reverse's prelude of a LogSoftmax: <c>logSumExp = z[index] - logSoftmax</c>, the rule table's.</summary>
    private static bool IsLogSumExpOf(CodeDeclare declare, VectorCall call, string self) =>
        declare is { Kind: ValueKind.Double, Value: Binary { Operator: BinaryOperator.Subtract, Left: ElementRead picked, Right: Variable { Name: var name } } }
        && name == self && picked.Array == call.First && picked.Index.Equals(call.Index);
}
