using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Vectorization;

/// <summary>
/// The vector locals of an element-wise loop's body whose <c>SymMath.Softplus</c> and <c>SymMath.Sigmoid</c> the body
/// both takes, every such call after the last statement that writes the local: a loss's softplus and its derivative's
/// sigmoid of one logit (logistic regression's <c>total += Softplus(z) - y[i] * z</c> and <c>dz = Sigmoid(z) - y[i]</c>).
/// Each lane function takes an exp of -|z|; <c>SymMath.Softplus(z, out sigmoid)</c> takes one for both, with the same
/// bits (<see cref="CodeLaneLoop.Pairs"/>). A call in the statement that writes the local, or before it, reads another
/// value, so the local is left alone; so is every local when the body holds a statement this does not read.
/// </summary>
internal static class SoftplusPairs
{
    public static IEnumerable<string> Of(IReadOnlyList<CodeStmt> body, IEnumerable<string> locals)
    {
        var expressions = new List<Expr>[body.Count];
        for (int i = 0; i < body.Count; i++)
        {
            if (Expressions(body[i]) is not { } read)
            {
                return Enumerable.Empty<string>();
            }

            expressions[i] = read;
        }

        return locals.Where(local => IsPaired(body, expressions, local)).ToList();
    }

    private static bool IsPaired(IReadOnlyList<CodeStmt> body, List<Expr>[] expressions, string local)
    {
        int lastWrite = -1;
        for (int i = 0; i < body.Count; i++)
        {
            if (Writes(body[i], local))
            {
                lastWrite = i;
            }
        }

        bool softplus = false, sigmoid = false;
        for (int i = 0; i < body.Count; i++)
        {
            bool takesSoftplus = expressions[i].Any(e => ExprRewriter.Contains(e, c => IsCallOf(c, MathFunction.Softplus, local)));
            bool takesSigmoid = expressions[i].Any(e => ExprRewriter.Contains(e, c => IsCallOf(c, MathFunction.Sigmoid, local)));
            if ((takesSoftplus || takesSigmoid) && i <= lastWrite)
            {
                return false;
            }

            softplus |= takesSoftplus;
            sigmoid |= takesSigmoid;
        }

        return lastWrite >= 0 && softplus && sigmoid;
    }

    /// <summary>Whether <paramref name="statement"/> takes the softplus or the sigmoid of <paramref name="local"/>: where the paired call goes, before the first such statement.</summary>
    public static bool TakesEither(CodeStmt statement, string local) =>
        Expressions(statement) is { } read
        && read.Any(e => ExprRewriter.Contains(e, c => IsCallOf(c, MathFunction.Softplus, local) || IsCallOf(c, MathFunction.Sigmoid, local)));

    private static bool IsCallOf(Expr expr, MathFunction function, string local) =>
        expr is Call { Second: null, First: Variable { Name: var name } } call && call.Function == function && name == local;

    private static bool Writes(CodeStmt statement, string local) => statement switch
    {
        CodeDeclare d => d.Name == local,
        CodeAssign { Index: null } a => a.Name == local,
        CodeAddTo { Index: null } a => a.Name == local,
        CodeTiledDot t => t.Sum.Name == local,
        _ => false,
    };

    /// <summary>The expressions a statement of an element-wise loop reads, or null for a statement this does not know.</summary>
    private static List<Expr>? Expressions(CodeStmt statement) => statement switch
    {
        CodeDeclare d => new List<Expr> { d.Value },
        CodeAssign a => a.Index is null ? new List<Expr> { a.Value } : new List<Expr> { a.Value, a.Index },
        CodeAddTo a => a.Index is null ? new List<Expr> { a.Value } : new List<Expr> { a.Value, a.Index },
        CodeTapePush p => new List<Expr> { p.Value },
        CodeDeferredUpdate u => new List<Expr> { u.Scale, u.Index },
        CodeTiledDot t => new List<Expr> { t.Index },
        CodeComment or CodeBlankLine => new List<Expr>(),
        _ => null,
    };
}
