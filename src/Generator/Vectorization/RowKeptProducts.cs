using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Emission;
using SymGrad.Generator.IR;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Vectorization;

/// <summary>
/// Outer-product updates kept for one or more tiles (issue 12; docs/how-it-works.md, "Row lanes"). In row lanes the two-layer
/// network's output-layer weight gradient,
/// <code>
/// for (int c = k - 1; c &gt;= 0; c--)
/// {
///     double dZElement = dz[c];
///     dz[c] = 0.0;
///     for (int j = 0; j &lt; h; j++) dw2[c * h + j] += dZElement * a[j];
///     ...
/// }
/// </code>
/// loads, updates and stores every one of the sum's k * h vectors once per group of rows. When <c>dw2</c> is a sum
/// (the rows only add to it), <c>a</c> a private row the loop does not write, and <c>dZElement</c> the element
/// <c>dz[c]</c> as the loop starts (the conditions of <see cref="RowLaneProducts"/>: the loop writes <c>dz</c> only at
/// c, after reading it), each group of whole rows copies <c>dz</c> and <c>a</c> before the loop instead
/// (<c>Lanes.Keep</c>), and one <c>Lanes.AddKeptProducts</c> call adds the kept groups' products (the groups of up to
/// <c>Lanes.KeptTiles</c> tiles, <c>Lanes.SingleKeptTiles</c> in <c>float</c>: see <c>RowLaneEmitter</c>), each sum vector
/// in a register across the groups. Every element adds the same products with the same operations, group after group;
/// only the additions the body makes to the same elements elsewhere come before the kept ones instead of between them
/// (none in the samples' networks, whose biases are other elements), and two kept updates of the same elements add
/// one update's groups, then the other's. The offsets,
/// strides and counts must be the same for every row and computable before the rows (they read nothing the row loop
/// declares or writes), where the kept rows are rented, and the update must stand only once in the body (the printer
/// finds it again by its loop's counter and its text). The tile's last group (fewer rows than lanes) runs the loop
/// as before, after the kept products are added.
/// </summary>
internal static class RowKeptProducts
{
    /// <summary>The kept updates of <paramref name="rowLoop"/>'s body; <paramref name="isUniform"/> tells a value the same for every row.</summary>
    public static List<KeptProducts> Find(
        CodeFor rowLoop, LoopEffects effects, ICollection<string> privates, ICollection<string> sums, Func<Expr, bool> isUniform, NameAllocator names)
    {
        var kept = new List<KeptProducts>();
        List<CodeStmt> all = CodeWalker.All(rowLoop.Body);
        var declared = new HashSet<string>(CodeWalker.DeclaredNames(rowLoop.Body)) { rowLoop.Counter };
        bool Outside(Expr expr) => isUniform(expr) && effects.IsInvariant(expr) && !ExprRewriter.VariablesAndArrays(expr).Any(declared.Contains);

        foreach (CodeFor outer in rowLoop.Body.OfType<CodeFor>())
        {
            string c = outer.Counter;
            if (outer.Exit is not null || LoopEffects.Of(outer.Body) is not { } loopEffects || loopEffects.Writes(c))
            {
                continue;
            }

            IReadOnlyList<CodeStmt> body = outer.Body;
            for (int position = 0; position < body.Count; position++)
            {
                if (body[position] is not CodeFor inner || KernelCalls.AddScaled(inner) is not { } updates)
                {
                    continue;
                }

                // The printer finds the update again by its loop's counter and its text: one that stands anywhere else in
                // the body (another loop printing the same statement) is left as it is.
                foreach (AddScaledCall update in updates.Where(u => all.Count(u.Add.Equals) == 1))
                {
                    if (Keep(outer, position, update, loopEffects, privates, sums, Outside) is { } found)
                    {
                        kept.Add(found with
                        {
                            ScalesKept = names.Allocate(found.Scales + "Kept"),
                            ScalesKeptBuffer = names.Allocate(found.Scales + "KeptBuffer"),
                            SourcesKept = names.Allocate(found.Source + "Kept"),
                            SourcesKeptBuffer = names.Allocate(found.Source + "KeptBuffer"),
                        });
                    }
                }
            }
        }

        return kept;
    }

    private static KeptProducts? Keep(
        CodeFor outer, int position, AddScaledCall update, LoopEffects loopEffects, ICollection<string> privates, ICollection<string> sums, Func<Expr, bool> outside)
    {
        string c = outer.Counter;
        IReadOnlyList<CodeStmt> body = outer.Body;
        IReadOnlyList<Expr> a = update.Arguments;  // target, its offset, scale, source, its offset, count
        string target = update.Add.Name;
        string source = ((Variable)a[3]).Name;
        if (!sums.Contains(target) || !privates.Contains(source) || a[2] is not Variable scale
            || RowLaneProducts.DeclaredAsElement(body, position, scale.Name, c) is not { } scales || !privates.Contains(scales) || scales == source
            || RowLaneProducts.CountWrites(body, scale.Name) != 1
            || !RowLaneProducts.WritesOnlyAtCounterAfter(body, scales, c, RowLaneProducts.DeclarationIndex(body, scale.Name))
            || loopEffects.Writes(source))
        {
            return null;
        }

        Expr destination = RowLaneProducts.Resolve(a[1], body, position, loopEffects, c);
        Expr sourceStart = RowLaneProducts.Resolve(a[4], body, position, loopEffects, c);
        Expr count = RowLaneProducts.Resolve(a[5], body, position, loopEffects, c);
        if (AffineIndex.Stride(destination, c) is not { } rowStride || ExprRewriter.Reads(sourceStart, c) || ExprRewriter.Reads(count, c))
        {
            return null;
        }

        Expr lowest = outer.Descending ? outer.End : outer.Start;
        Expr rows = AffineIndex.Iterations(outer);
        Expr destinationStart = AffineIndex.At(destination, c, lowest);
        Expr[] needed = { destinationStart, rowStride, lowest, rows, sourceStart, count };
        return needed.All(outside)
            ? new KeptProducts(c, update.Add, target, destinationStart, rowStride, scales, lowest, rows, source, sourceStart, count, string.Empty, string.Empty, string.Empty, string.Empty)
            : null;
    }
}
