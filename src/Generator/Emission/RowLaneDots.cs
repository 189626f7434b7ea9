using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;
using SymGrad.Generator.Vectorization;

namespace SymGrad.Generator.Emission;

/// <summary>
/// A layer's dot products in row lanes, computed before their loop (issue 12): the two-layer network's output layer
/// <code>
/// for (int c = 0; c &lt; k; c++)
/// {
///     double s2 = b2[c];
///     for (int j = 0; j &lt; h; j++) s2 += w2[c * h + j] * a[j];
///     z[c] = s2;
/// }
/// </code>
/// printed one <c>Lanes.Dot</c> call per c: each a short chain of additions waiting on their latency, and a call. When
/// the matrix is an array the rows share, read at a fixed stride per c, the vector (<c>a</c>) a private row the loop does
/// not change, and the loop's only use of a private row <c>z</c> is writing <c>z[c]</c> (directly in the body, after the
/// sum: the sum itself or any value; nothing reading <c>z</c> or writing another element), one <c>Lanes.Dots</c> call before the loop puts each c's dot
/// in <c>z[c]</c> (two rows of the matrix at a time), and the loop adds <c>z[c]</c> where its inner loop was. Each c's
/// dot has <c>Lanes.Dot</c>'s four partial sums, <c>z[c]</c> is read in iteration c before that iteration writes it and
/// no other iteration writes it, and an addition gives the same result whichever operand comes first: the loop's values,
/// bit for bit.
/// </summary>
internal static class RowLaneDots
{
    /// <summary>
    /// The dots taken out of <paramref name="outer"/> and the loop without them; null when the loop is not of that form.
    /// <paramref name="isPrivate"/> tells a private row, <paramref name="isShared"/> an array the rows share,
    /// <paramref name="varies"/> a value that may differ between the lanes' rows, <paramref name="locals"/> the real
    /// locals held per row.
    /// </summary>
    public static LayerDots? Find(CodeFor outer, Func<string, bool> isPrivate, Func<string, bool> isShared, Func<Expr, bool> varies, ICollection<string> locals)
    {
        string c = outer.Counter;
        IReadOnlyList<CodeStmt> body = outer.Body;
        if (outer.Exit is not null || LoopEffects.Of(body) is not { } effects || effects.Writes(c))
        {
            return null;
        }

        for (int position = 0; position < body.Count; position++)
        {
            if (body[position] is CodeFor inner && RowLanes.IsRunningSum(inner, locals) is { } sum
                && KernelCalls.DotArguments(sum, inner) is { } arguments
                && Take(outer, position, inner, sum, arguments, effects, isPrivate, isShared, varies) is { } dots)
            {
                return dots;
            }
        }

        return null;
    }

    private static LayerDots? Take(
        CodeFor outer, int position, CodeFor inner, CodeAddTo sum, IReadOnlyList<Expr> a, LoopEffects effects,
        Func<string, bool> isPrivate, Func<string, bool> isShared, Func<Expr, bool> varies)
    {
        string c = outer.Counter;
        IReadOnlyList<CodeStmt> body = outer.Body;

        // a: left array, its start, right array, its start, count. The matrix is the shared one, the vector the private one.
        string left = ((Variable)a[0]).Name;
        string right = ((Variable)a[2]).Name;
        bool matrixLeft = isShared(left) && isPrivate(right);
        if (!matrixLeft && !(isShared(right) && isPrivate(left)))
        {
            return null;
        }

        string matrix = matrixLeft ? left : right;
        string vector = matrixLeft ? right : left;
        Expr matrixStart = RowLaneProducts.Resolve(matrixLeft ? a[1] : a[3], body, position, effects, c);
        Expr vectorStart = RowLaneProducts.Resolve(matrixLeft ? a[3] : a[1], body, position, effects, c);
        Expr count = RowLaneProducts.Resolve(a[4], body, position, effects, c);
        if (varies(matrixStart) || varies(vectorStart) || varies(count)
            || ExprRewriter.Reads(vectorStart, c) || ExprRewriter.Reads(count, c)
            || !effects.IsInvariant(vectorStart) || !effects.IsInvariant(count) || !effects.IsInvariant(matrixStart, c)
            || AffineIndex.Stride(matrixStart, c) is not { } rowStride
            || effects.Writes(matrix) || effects.Writes(vector))
        {
            return null;
        }

        // The destination: a private row the body writes at z[c] = ..., directly in the body after the sum, and nowhere
        // else, and never reads (what is stored does not matter: Dots writes z[c] before iteration c and only reads it back).
        for (int at = position + 1; at < body.Count; at++)
        {
            if (body[at] is CodeAssign { Index: Variable index } store && index.Name == c
                && isPrivate(store.Name) && store.Name != vector && !effects.Reads(store.Name)
                && RowLaneProducts.WritesOnlyAtCounterAfter(body, store.Name, c, position))
            {
                return Dots(outer, position, inner, sum, store.Name, matrix, AffineIndex.At(matrixStart, c, new IntConstant(0)), rowStride, vector, vectorStart, count);
            }
        }

        return null;
    }

    private static LayerDots Dots(
        CodeFor outer, int position, CodeFor inner, CodeAddTo sum, string destination, string matrix, Expr matrixStart, Expr rowStride, string vector, Expr vectorStart, Expr count)
    {
        string c = outer.Counter;
        var read = new CodeAddTo(sum.Name, new ElementRead(destination, new Variable(c, ValueKind.Int), ValueKind.Double));
        List<CodeStmt> rest = outer.Body.ToList();
        rest[position] = read;
        rest.InsertRange(position, inner.Body.Where(statement => statement is CodeComment));
        Expr iterations = AffineIndex.Iterations(outer);
        return new LayerDots(
            inner, sum, outer with { Body = rest.ToEquatableArray() }, destination, matrix, matrixStart, rowStride, vector, vectorStart, count,
            outer.Start, outer.Descending ? -1 : 1, iterations);
    }
}

/// <summary>
/// What <see cref="RowLaneDots.Find"/> found: the inner loop and its running sum, the outer loop with the sum reading
/// the destination instead, and the call's arguments (the destination row, the matrix with the offset of c = 0 and its
/// step per c, the vector row and its offset, the count, and the outer loop's first counter value, step and number of
/// iterations).
/// </summary>
internal sealed record LayerDots(
    CodeFor Inner, CodeAddTo Sum, CodeFor Rest, string Destination, string Matrix, Expr MatrixStart, Expr RowStride, string Vector, Expr VectorStart, Expr Count,
    Expr First, int Step, Expr Iterations);
