using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Vectorization;

/// <summary>
/// Row blocks of row lanes (issue 12; docs/how-it-works.md, "Row lanes"). A body that reads element c of its row of an
/// array in a loop over the row's elements (softmax regression's one-hot targets, <c>y[i * k + c]</c> for c from 0 to
/// k) gathered sixteen (eight) scalars per read, twice per element (the forward sum and its reverse): a quarter of the
/// gradient at (100, 10, 10). Such an array's rows of each group are transposed once at the group's start
/// (<c>Lanes.TransposeRows</c>, in registers), and each of those reads is one vector of the block
/// (<c>yRowsRead[c]</c>). The values are the elements, so the bits do not change. A read qualifies when:
/// <list type="bullet">
/// <item>it is a real element of an array the body does not write, at an index affine in the row counter with the
/// stride S (not 0 or 1: a shared element, or a load) and, in an inner loop's counter c, with coefficient 1: base + c,
/// base reading only the row counter and what the body does not change;</item>
/// <item>it is in a statement of its own of that loop (not under a branch, a deeper loop, a conditional's arm or the
/// right of <c>&amp;&amp;</c> or <c>||</c>), the loop is a statement of the row body itself (it runs for every group),
/// and it counts c from 0 up to S without an exit or a write to c: the block's S elements per row are exactly the ones
/// the loop reads, so every column index is inside the block, and a block whose rows leave the array (in the last group,
/// only its real rows are read) throws <c>IndexOutOfRangeException</c> at its first read, as the loop would at its
/// first read outside the array.</item>
/// </list>
/// Once a group's blocks are transposed, a loop of the row body counting down from S - 1 to 0 (a reverse loop) reads
/// them too (<see cref="Columns"/>): it reads the same S elements of each row.
/// The reads of the four partial sums of a running sum over c (<c>c + 1</c> to <c>c + 3</c> in the steps of four) are
/// the block's too: their loop runs while <c>c + 4 &lt;= S</c>.
/// </summary>
internal static class RowBlocks
{
    /// <summary>The blocks of <paramref name="rows"/>' body, one per array, stride and base.</summary>
    public static List<RowBlock> Find(CodeFor rows, LoopEffects effects, ICollection<string> privates, ICollection<string> sums, NameAllocator names)
    {
        var found = new List<(string Array, Expr Stride, Expr Base)>();
        foreach (CodeFor loop in rows.Body.OfType<CodeFor>().Where(Qualifies))
        {
            Expr end = IntegerFolding.Fold(loop.End);
            foreach (CodeStmt statement in loop.Body.Where(s => s is not (CodeFor or CodeIf)))
            {
                foreach (ElementRead read in CodeWalker.ExpressionsOf(statement).SelectMany(Reads))
                {
                    if (read.ElementKind != ValueKind.Double || privates.Contains(read.Array) || sums.Contains(read.Array) || effects.Writes(read.Array)
                        || AffineIndex.Stride(read.Index, rows.Counter) is not { } rowStride || IntegerFolding.Fold(rowStride) is not { } stride
                        || stride is IntConstant { Value: <= 1 } || !stride.Equals(end) || !effects.IsInvariant(stride) || ExprRewriter.Reads(stride, rows.Counter)
                        || AffineIndex.Stride(read.Index, loop.Counter) is not IntConstant { Value: 1 })
                    {
                        continue;
                    }

                    Expr rowBase = AffineIndex.At(read.Index, loop.Counter, new IntConstant(0));
                    if (!effects.IsInvariant(rowBase, rows.Counter) || found.Contains((read.Array, stride, rowBase)))
                    {
                        continue;
                    }

                    found.Add((read.Array, stride, rowBase));
                }
            }
        }

        return found.Select(block => new RowBlock(
            block.Array,
            block.Stride,
            block.Base,
            names.Allocate(block.Array + "Rows"),
            names.Allocate(block.Array + "RowsBuffer"),
            names.Allocate(block.Array + "RowsRead"))).ToList();
    }

    /// <summary>A loop counting from 0 up without an exit whose body does not change its counter.</summary>
    public static bool Qualifies(CodeFor loop) =>
        loop is { Descending: false, Exit: null, Start: IntConstant { Value: 0 } } && LoopEffects.Of(loop.Body) is { } body && !body.Writes(loop.Counter);

    /// <summary>
    /// The number of a row's elements a loop reads when it reads a block: a qualifying loop's end, or for a loop counting
    /// down to 0 without an exit or a write to its counter (a reverse loop), its start plus one; else null. A block is
    /// transposed at its group's start, so any loop of the row body may read it; a count that is not the block's stride
    /// leaves the reads gathered.
    /// </summary>
    public static Expr? Columns(CodeFor loop) =>
        Qualifies(loop) ? IntegerFolding.Fold(loop.End)
        : loop is { Descending: true, Exit: null, End: IntConstant { Value: 0 } } && LoopEffects.Of(loop.Body) is { } body && !body.Writes(loop.Counter)
            ? IntegerFolding.Fold(new Binary(BinaryOperator.Add, loop.Start, new IntConstant(1), ValueKind.Int))
            : null;

    /// <summary>
    /// The element reads an expression always makes: not those in a conditional's arms or on the right of a
    /// short-circuiting <c>&amp;&amp;</c> or <c>||</c>, which may not run (a row's column the loop skips could be past the array's end).
    /// </summary>
    private static List<ElementRead> Reads(Expr expr)
    {
        var reads = new List<ElementRead>();
        Collect(expr, reads);
        return reads;
    }

    private static void Collect(Expr expr, List<ElementRead> reads)
    {
        switch (expr)
        {
            case ElementRead read:
                reads.Add(read);
                break;
            case Select select:
                Collect(select.Condition, reads);
                break;
            case Binary { Operator: BinaryOperator.And or BinaryOperator.Or } shortCircuit:
                Collect(shortCircuit.Left, reads);
                break;
            case Binary binary:
                Collect(binary.Left, reads);
                Collect(binary.Right, reads);
                break;
            case Unary unary:
                Collect(unary.Operand, reads);
                break;
            case Call call:
                Collect(call.First, reads);
                if (call.Second is { } second)
                {
                    Collect(second, reads);
                }

                break;
        }
    }
}
