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
}
