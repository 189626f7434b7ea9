using SymGrad.Generator.IR;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Vectorization;

/// <summary>
/// Integer index arithmetic for row tiles: an offset such as <c>j * n + 1</c> is affine in the counter j when it
/// is a sum of terms, each of which reads j at most as one factor of a product whose other factors do not read
/// it. Then it is <c>base + j * stride</c>, with base the offset at j = 0 and stride its coefficient.
/// </summary>
internal static class AffineIndex
{
    /// <summary>The coefficient of <paramref name="counter"/> in <paramref name="index"/>, or null when the index is not affine in it.</summary>
    public static Expr? Stride(Expr index, string counter)
    {
        if (!ExprRewriter.Reads(index, counter))
        {
            return Zero;
        }

        return index switch
        {
            Variable v when v.Name == counter => One,
            Binary { Operator: BinaryOperator.Add } b when Stride(b.Left, counter) is { } left && Stride(b.Right, counter) is { } right => Add(left, right),
            Binary { Operator: BinaryOperator.Subtract } b when Stride(b.Left, counter) is { } left && Stride(b.Right, counter) is { } right => Subtract(left, right),
            Binary { Operator: BinaryOperator.Multiply } b when !ExprRewriter.Reads(b.Left, counter) && Stride(b.Right, counter) is { } right => Multiply(b.Left, right),
            Binary { Operator: BinaryOperator.Multiply } b when !ExprRewriter.Reads(b.Right, counter) && Stride(b.Left, counter) is { } left => Multiply(left, b.Right),
            Unary { Operator: UnaryOperator.Negate } u when Stride(u.Operand, counter) is { } operand => Subtract(Zero, operand),
            _ => null,
        };
    }

    /// <summary><paramref name="index"/> with <paramref name="counter"/> replaced by <paramref name="value"/>, its constants folded.</summary>
    public static Expr At(Expr index, string counter, Expr value) =>
        Simplify(ExprRewriter.Rewrite(index, node => node is Variable v && v.Name == counter ? value : node));

    /// <summary>Products by 0 and 1 and sums with 0 removed, then the constants of the sum folded.</summary>
    public static Expr Simplify(Expr index) => IntegerFolding.Fold(ExprRewriter.Rewrite(index, node => node switch
    {
        Binary { Operator: BinaryOperator.Multiply, Left: IntConstant { Value: 0 } } => Zero,
        Binary { Operator: BinaryOperator.Multiply, Right: IntConstant { Value: 0 } } => Zero,
        Binary { Operator: BinaryOperator.Multiply, Left: IntConstant { Value: 1 } } b => b.Right,
        Binary { Operator: BinaryOperator.Multiply, Right: IntConstant { Value: 1 } } b => b.Left,
        _ => node,
    }));

    /// <summary>How many times <paramref name="loop"/> runs when it runs at all: <c>end - start</c>, or <c>start - end + 1</c> counting down.</summary>
    public static Expr Iterations(CodeFor loop) =>
        loop.Descending ? Add(Subtract(loop.Start, loop.End), new IntConstant(1)) : Subtract(loop.End, loop.Start);

    public static Expr Add(Expr left, Expr right) => Simplify(new Binary(BinaryOperator.Add, left, right, ValueKind.Int));

    public static Expr Subtract(Expr left, Expr right) => Simplify(new Binary(BinaryOperator.Subtract, left, right, ValueKind.Int));

    public static Expr Multiply(Expr left, Expr right) => Simplify(new Binary(BinaryOperator.Multiply, left, right, ValueKind.Int));

    private static readonly Expr Zero = new IntConstant(0);

    private static readonly Expr One = new IntConstant(1);
}
