namespace SymGrad.Generator.IR;

/// <summary>
/// A pure expression of the IR. Records give structural equality and hashing, so unchanged source
/// lowers to an equal tree and the incremental pipeline stops early; the same equality drives
/// common-subexpression elimination.
/// </summary>
internal abstract record Expr(ValueKind Kind);

/// <summary>A double literal or folded constant.</summary>
internal sealed record Constant(double Value) : Expr(ValueKind.Double)
{
    public static readonly Constant Zero = new(0.0);
    public static readonly Constant One = new(1.0);
}

/// <summary>An integer literal.</summary>
internal sealed record IntConstant(long Value) : Expr(ValueKind.Int);

/// <summary>A boolean literal.</summary>
internal sealed record BoolConstant(bool Value) : Expr(ValueKind.Bool);

/// <summary>A parameter, a local, a temporary or an adjoint, by its (unique) name.</summary>
internal sealed record Variable(string Name, ValueKind VariableKind) : Expr(VariableKind);

/// <summary>A value the generator treats as a constant and prints verbatim (a static field, say).</summary>
internal sealed record Opaque(string Code, ValueKind OpaqueKind) : Expr(OpaqueKind);

/// <summary>A unary operation.</summary>
internal sealed record Unary(UnaryOperator Operator, Expr Operand, ValueKind ResultKind) : Expr(ResultKind);

/// <summary>A binary operation.</summary>
internal sealed record Binary(BinaryOperator Operator, Expr Left, Expr Right, ValueKind ResultKind) : Expr(ResultKind);

/// <summary>A call of a known function with one or two double arguments.</summary>
internal sealed record Call(MathFunction Function, Expr First, Expr? Second) : Expr(ValueKind.Double);

/// <summary><c>condition ? whenTrue : whenFalse</c>; only appears in derivative code (user ternaries become <see cref="IfStatement"/>s).</summary>
internal sealed record Select(Expr Condition, Expr WhenTrue, Expr WhenFalse) : Expr(WhenTrue.Kind);

/// <summary><c>array[index]</c> of a one-dimensional array or span.</summary>
internal sealed record ElementRead(string Array, Expr Index, ValueKind ElementKind) : Expr(ElementKind);

/// <summary><c>matrix[row, column]</c> of a <c>double[,]</c> (constant data).</summary>
internal sealed record MatrixRead(string Array, Expr Row, Expr Column) : Expr(ValueKind.Double);

/// <summary><c>array.Length</c>, or <c>matrix.GetLength(Dimension)</c> when <see cref="Dimension"/> is set.</summary>
internal sealed record LengthOf(string Array, int? Dimension = null) : Expr(ValueKind.Int);

/// <summary>A SymMath function of whole arrays: <c>LogSumExp(z)</c>, <c>LogSoftmax(z, index)</c>, <c>Dot(a, b)</c>.</summary>
internal sealed record VectorCall(VectorFunction Function, string First, string? Second, Expr? Index) : Expr(ValueKind.Double);

/// <summary>
/// A value taken from the tape in the reverse sweep (printed as <c>tape.Pop()</c>, converted to its kind);
/// with <see cref="Tangent"/>, from the tangent tape, which forward mode over a taped loop keeps in step with it.
/// </summary>
internal sealed record TapePop(ValueKind PoppedKind, bool Tangent = false) : Expr(PoppedKind);

/// <summary><c>Math.Max</c>, <c>Math.Min</c> or <c>Math.Abs</c> on integers (index arithmetic; never differentiated).</summary>
internal sealed record IntCall(MathFunction Function, Expr First, Expr? Second) : Expr(ValueKind.Int);
