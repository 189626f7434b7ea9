using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Loops printed as one call of a SymGrad.Runtime vector kernel (issue 12, part 1). A loop qualifies
/// when it only adds a loop-invariant scalar times a contiguous run of one array to a contiguous run
/// of another, <c>for (j = s; j &lt; e; j++) a[p + j] += c * b[q + j]</c> (the reverse sweep's
/// <c>dw[j] += dz * x[i * n + j]</c>), and becomes <c>Kernels.AddScaled(a, p + s, c, b, q + s, e - s)</c>.
/// The kernel does the same operations on every element, several at a time, so the result is the
/// loop's, bit for bit; nothing that sums in a different order (a dot product) is replaced. The
/// invariant scalar and the offsets are evaluated once instead of per iteration, so they may not read
/// an array or divide (which could throw where a loop that runs no iteration would not).
/// </summary>
internal static class KernelCalls
{
    public const string AddScaledMethod = "global::SymGrad.Kernels.AddScaled";

    /// <summary>The arguments of <c>Kernels.AddScaled</c> replacing <paramref name="loop"/>, or null when the loop does not qualify.</summary>
    public static IReadOnlyList<Expr>? AddScaled(CodeFor loop)
    {
        List<CodeStmt> statements = loop.Body.Where(s => s is not CodeComment and not CodeBlankLine).ToList();
        if (loop.Descending || loop.Exit is not null || statements.Count != 1 || statements[0] is not CodeAddTo { Index: { } index } add)
        {
            return null;
        }

        string counter = loop.Counter;
        Expr? destinationOffset = OffsetFrom(index, counter);
        (Expr Scale, ElementRead Source)? term = add.Value switch
        {
            Binary { Operator: BinaryOperator.Multiply } b when b.Right is ElementRead r => (b.Left, r),
            Binary { Operator: BinaryOperator.Multiply } b when b.Left is ElementRead r => (b.Right, r),
            _ => null,
        };
        if (destinationOffset is null || term is not { } found || found.Source.Array == add.Name || OffsetFrom(found.Source.Index, counter) is not { } sourceOffset
            || !IsInvariantScalar(found.Scale, counter) || !IsSafeOffset(destinationOffset, counter) || !IsSafeOffset(sourceOffset, counter)
            || !IsSafeOffset(loop.Start, counter) || !IsSafeOffset(loop.End, counter))
        {
            return null;
        }

        return new[]
        {
            new Variable(add.Name, ValueKind.DoubleArray),
            Sum(loop.Start, destinationOffset),
            found.Scale,
            new Variable(found.Source.Array, ValueKind.DoubleArray),
            Sum(loop.Start, sourceOffset),
            loop.Start is IntConstant { Value: 0 } ? loop.End : new Binary(BinaryOperator.Subtract, loop.End, loop.Start, ValueKind.Int),
        };
    }

    /// <summary>The part of <paramref name="index"/> besides the counter: <c>j</c> gives 0, <c>p + j</c> and <c>j + p</c> give p; null otherwise.</summary>
    private static Expr? OffsetFrom(Expr index, string counter) => index switch
    {
        Variable v when v.Name == counter => new IntConstant(0),
        Binary { Operator: BinaryOperator.Add, Right: Variable v } b when v.Name == counter && !Reads(b.Left, counter) => b.Left,
        Binary { Operator: BinaryOperator.Add, Left: Variable v } b when v.Name == counter && !Reads(b.Right, counter) => b.Right,
        _ => null,
    };

    private static bool Reads(Expr expr, string name) => ExprRewriter.VariablesAndArrays(expr).Contains(name);

    /// <summary>A double the loop does not change and whose evaluation cannot throw: variables, constants, arithmetic and math functions.</summary>
    private static bool IsInvariantScalar(Expr expr, string counter) => expr.Kind == ValueKind.Double && !Reads(expr, counter) && expr switch
    {
        Constant or Variable => true,
        Unary u => IsInvariantScalar(u.Operand, counter) || (u.Operator == UnaryOperator.ToDouble && IsSafeOffset(u.Operand, counter)),
        Binary b => IsInvariantScalar(b.Left, counter) && IsInvariantScalar(b.Right, counter),
        Call c => IsInvariantScalar(c.First, counter) && (c.Second is null || IsInvariantScalar(c.Second, counter)),
        _ => false,
    };

    /// <summary>An integer the loop does not change, computed without division or array reads (so it cannot throw).</summary>
    private static bool IsSafeOffset(Expr expr, string counter) => !Reads(expr, counter) && expr switch
    {
        IntConstant or Variable or LengthOf => true,
        Binary { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply } b => IsSafeOffset(b.Left, counter) && IsSafeOffset(b.Right, counter),
        _ => false,
    };

    private static Expr Sum(Expr left, Expr right) => (left, right) switch
    {
        (IntConstant { Value: 0 }, _) => right,
        (_, IntConstant { Value: 0 }) => left,
        _ => new Binary(BinaryOperator.Add, left, right, ValueKind.Int),
    };
}
