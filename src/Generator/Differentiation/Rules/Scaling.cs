using SymGrad.Generator.IR;

namespace SymGrad.Generator.Differentiation.Rules;

/// <summary>
/// Adjoint times partial, written the way a hand derivation would: the adjoint goes into both arms
/// of a selected partial (<c>a &gt; 0 ? dv : 0</c>, not <c>dv * (a &gt; 0 ? 1 : 0)</c>), divides
/// (<c>dv / a</c>, not <c>dv * (1 / a)</c>), stays inside a negation, and leads a product whose first
/// factor is a value (<c>dv * s * (1 - s)</c>).
/// </summary>
internal static class Scaling
{
    public static Expr Scale(Expr adjoint, Expr partial) => partial switch
    {
        Constant { Value: 0.0 } => Constant.Zero,
        Constant { Value: 1.0 } => adjoint,
        Constant { Value: -1.0 } => E.Neg(adjoint),
        Select select => E.Select(select.Condition, Scale(adjoint, select.WhenTrue), Scale(adjoint, select.WhenFalse)),
        Unary { Operator: UnaryOperator.Negate } negation => E.Neg(Scale(adjoint, negation.Operand)),
        Binary { Operator: BinaryOperator.Divide, ResultKind: ValueKind.Double } quotient => E.Div(Scale(adjoint, quotient.Left), quotient.Right),
        Binary { Operator: BinaryOperator.Multiply, ResultKind: ValueKind.Double, Left: not Constant } product => E.Mul(Scale(adjoint, product.Left), product.Right),
        _ => E.Mul(adjoint, partial),
    };

    /// <summary>
    /// Tangent times a saturating rule's partial as a strong zero: <c>partial == 0.0 ? 0.0 : tangent x partial</c>, so an
    /// infinite tangent (an overflowed operand) times a partial that rounded to 0 is 0, not NaN. A constant or selected
    /// partial needs no test (a constant is not 0; a select's 0 arm multiplies nothing).
    /// </summary>
    public static Expr ScaleStrongly(Expr tangent, Expr partial) =>
        partial is Select || CannotRoundToZero(partial)
            ? Scale(tangent, partial)
            : E.Select(E.Compare(BinaryOperator.Equal, WithoutSign(partial), Constant.Zero), Constant.Zero, Scale(tangent, partial));

    /// <summary>The partial without its negations (-p is 0 where p is).</summary>
    public static Expr WithoutSign(Expr partial) => partial is Unary { Operator: UnaryOperator.Negate } negation ? WithoutSign(negation.Operand) : partial;

    /// <summary>
    /// Whether a partial made of <paramref name="expr"/> cannot round to 0 where its operands overflow: constants and
    /// integers (a mean's 1 / n), which never overflow.
    /// </summary>
    public static bool CannotRoundToZero(Expr expr) => expr switch
    {
        Constant or IntConstant or LengthOf => true,
        { Kind: ValueKind.Int } => true,
        Unary u => CannotRoundToZero(u.Operand),
        Binary b => CannotRoundToZero(b.Left) && CannotRoundToZero(b.Right),
        _ => false,
    };
}
