using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;
using SymGrad.Generator.Vectorization;

namespace SymGrad.Generator.Emission;

/// <summary>
/// A product by a shared matrix's transpose in row lanes, taken out of its loop (issue 12): the reverse of a layer
/// whose outputs are a private row, as the two-layer network's output layer,
/// <code>
/// for (int c = k - 1; c &gt;= 0; c--)
/// {
///     double dZElement = dz[c];
///     dz[c] = 0.0;
///     ...
///     for (int j = 0; j &lt; h; j++) da[j] += dZElement * w2[c * h + j];
///     ...
/// }
/// </code>
/// adds to each <c>da[j]</c> once per class, reading and writing its vector in memory each time. When nothing else in
/// the loop reads or writes <c>da</c>, <c>dZElement</c> is the element <c>dz[c]</c> as the loop starts (the loop writes
/// <c>dz</c> only at <c>c</c>, after reading it) and the matrix is an array the rows share, the updates run before
/// the loop as one <c>Lanes.AddTransposedProducts</c> call: each <c>da[j]</c> in a register, adding the same products
/// in the same order of c, so the result is the loop's, bit for bit.
/// </summary>
internal static class RowLaneProducts
{
    /// <summary>
    /// The call replacing one inner loop of <paramref name="outer"/>, and the loop without it; null when no inner loop
    /// qualifies. <paramref name="isPrivate"/> tells a private row, <paramref name="isShared"/> an array the rows share,
    /// <paramref name="varies"/> a value that may differ between the lanes' rows.
    /// </summary>
    public static HoistedProducts? Find(CodeFor outer, Func<string, bool> isPrivate, Func<string, bool> isShared, Func<Expr, bool> varies)
    {
        if (outer.Exit is not null || LoopEffects.Of(outer.Body) is not { } effects)
        {
            return null;
        }

        IReadOnlyList<CodeStmt> body = outer.Body;
        for (int position = 0; position < body.Count; position++)
        {
            if (body[position] is not CodeFor inner || KernelCalls.AddScaled(inner) is not { } updates)
            {
                continue;
            }

            foreach (AddScaledCall update in updates)
            {
                if (Hoist(outer, position, inner, update, effects, isPrivate, isShared, varies) is { } hoisted)
                {
                    return hoisted;
                }
            }
        }

        return null;
    }

    private static HoistedProducts? Hoist(
        CodeFor outer, int position, CodeFor inner, AddScaledCall update, LoopEffects effects, Func<string, bool> isPrivate, Func<string, bool> isShared, Func<Expr, bool> varies)
    {
        string c = outer.Counter;
        IReadOnlyList<CodeStmt> body = outer.Body;
        IReadOnlyList<Expr> a = update.Arguments;  // target, its offset, scale, source, its offset, count
        string target = update.Add.Name;
        string matrix = ((Variable)a[3]).Name;
        Expr destinationStart = Resolve(a[1], body, position, effects, c);
        Expr matrixStart = Resolve(a[4], body, position, effects, c);
        Expr count = Resolve(a[5], body, position, effects, c);
        if (!isPrivate(target) || !isShared(matrix) || a[2] is not Variable scale
            || DeclaredAsElement(body, position, scale.Name, c) is not { } scales || !isPrivate(scales) || scales == target
            || varies(destinationStart) || varies(matrixStart) || varies(count) || effects.Writes(c)
            || ExprRewriter.Reads(destinationStart, c) || ExprRewriter.Reads(count, c)
            || !effects.IsInvariant(destinationStart) || !effects.IsInvariant(count) || !effects.IsInvariant(matrixStart, c)
            || AffineIndex.Stride(matrixStart, c) is not { } rowStride
            || effects.Writes(matrix) || CountWrites(body, scale.Name) != 1
            || !WritesOnlyAtCounterAfter(body, scales, c, DeclarationIndex(body, scale.Name)))
        {
            return null;
        }

        // The loop without the update (without the inner loop when that was all it did); nothing left in it may touch the target.
        List<CodeStmt> innerRest = inner.Body.Where(s => !ReferenceEquals(s, update.Add)).ToList();
        bool innerLeft = innerRest.Any(s => s is not (CodeComment or CodeBlankLine));
        List<CodeStmt> restBody = body.Where((_, k) => k != position || innerLeft).ToList();
        if (innerLeft)
        {
            restBody[position] = inner with { Body = innerRest.ToEquatableArray() };
        }

        if (LoopEffects.Of(restBody) is not { } rest || rest.Reads(target) || rest.Writes(target))
        {
            return null;
        }

        Expr iterations = AffineIndex.Iterations(outer);
        return new HoistedProducts(
            inner, !innerLeft, update, outer with { Body = restBody.ToEquatableArray() }, target, destinationStart, scales, matrix,
            AffineIndex.At(matrixStart, c, new IntConstant(0)), rowStride, count, outer.Start, outer.Descending ? -1 : 1, iterations);
    }

    /// <summary>
    /// <paramref name="expr"/> with each int local the body declares once, before <paramref name="before"/>, from values
    /// the body does not change and that do not read the counter (the samples' <c>int h2 = hidden.Length;</c>) replaced
    /// by its value: the same in every iteration, so it can be read before the loop.
    /// </summary>
    internal static Expr Resolve(Expr expr, IReadOnlyList<CodeStmt> body, int before, LoopEffects effects, string counter) =>
        ExprRewriter.Rewrite(expr, node =>
            node is Variable { Kind: ValueKind.Int } v && DeclarationIndex(body, v.Name) is int at && at >= 0 && at < before && CountWrites(body, v.Name) == 1
            && body[at] is CodeDeclare { Value: var value } && KernelCalls.IsSafeOffset(value, counter) && effects.IsInvariant(value)
                ? value
                : node);

    /// <summary>The private row <c>d</c> when <paramref name="name"/> is declared before <paramref name="before"/> as <c>d[c]</c>; else null.</summary>
    internal static string? DeclaredAsElement(IReadOnlyList<CodeStmt> body, int before, string name, string counter)
    {
        int index = DeclarationIndex(body, name);
        return index >= 0 && index < before && body[index] is CodeDeclare { Value: ElementRead { Index: Variable v } read } && v.Name == counter ? read.Array : null;
    }

    internal static int DeclarationIndex(IReadOnlyList<CodeStmt> body, string name)
    {
        for (int k = 0; k < body.Count; k++)
        {
            if (body[k] is CodeDeclare declare && declare.Name == name)
            {
                return k;
            }
        }

        return -1;
    }

    internal static int CountWrites(IReadOnlyList<CodeStmt> body, string name) =>
        CodeWalker.All(body).Count(s => s is CodeDeclare d && d.Name == name || s is CodeAssign a && a.Name == name || s is CodeAddTo t && t.Name == name);

    /// <summary>
    /// Whether every write to <paramref name="array"/> in the body is at the counter's element, directly in the body and
    /// after <paramref name="declaration"/> (the statement that reads it): then each iteration reads an element no
    /// earlier iteration wrote.
    /// </summary>
    internal static bool WritesOnlyAtCounterAfter(IReadOnlyList<CodeStmt> body, string array, string counter, int declaration)
    {
        for (int k = 0; k < body.Count; k++)
        {
            foreach (CodeStmt statement in CodeWalker.All(new[] { body[k] }))
            {
                bool writes = statement is CodeAssign { Index: not null } assign && assign.Name == array || statement is CodeAddTo { Index: not null } add && add.Name == array;
                if (!writes && LoopEffects.Of(new[] { statement }) is { } effect && effect.Writes(array))
                {
                    return false;  // a write of another kind (a clear, a call's argument)
                }

                if (!writes)
                {
                    continue;
                }

                Expr index = statement is CodeAssign a ? a.Index! : ((CodeAddTo)statement).Index!;
                if (!ReferenceEquals(statement, body[k]) || k <= declaration || index is not Variable v || v.Name != counter)
                {
                    return false;
                }
            }
        }

        return true;
    }
}

/// <summary>
/// What <see cref="RowLaneProducts.Find"/> found: the inner loop (whether nothing else was left of it) and its update, the outer loop without it, and the call's
/// arguments (destination row and offset, the scales' row, the matrix with the offset of c = 0 and its step per c, the
/// count, and the outer loop's first counter value, step and number of iterations).
/// </summary>
internal sealed record HoistedProducts(
    CodeFor Inner, bool InnerRemoved, AddScaledCall Update, CodeFor Rest, string Destination, Expr DestinationStart, string Scales, string Matrix,
    Expr MatrixStart, Expr RowStride, Expr Count, Expr First, int Step, Expr Iterations);
