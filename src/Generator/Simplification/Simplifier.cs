using SymGrad.Generator.IR;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Simplification;

/// <summary>
/// Local algebraic simplification, applied bottom-up: constant folding and the identities
/// x*1 = x, x*0 = 0, x+0 = x, x-0 = x, 0-x = -x, x/1 = x, -(-x) = x, and moving negations outward
/// so that a + (-b) prints as a - b. Note that 0*x = 0 is taken as an identity, as a hand
/// derivation would, even though IEEE 0*Inf is NaN.
/// </summary>
internal static class Simplifier
{
    public static Expr Simplify(Expr expr) => ExprRewriter.Rewrite(expr, SimplifyNode);

    private static Expr SimplifyNode(Expr expr) => expr switch
    {
        Unary u => SimplifyUnary(u),
        Binary { ResultKind: ValueKind.Double } b => SimplifyBinary(b),
        Binary { ResultKind: ValueKind.Bool } b when b.Left == b.Right && SameOperandComparison(b.Operator) is bool result => new BoolConstant(result),
        Select { Condition: BoolConstant c } s => c.Value ? s.WhenTrue : s.WhenFalse,
        Select s when s.WhenTrue == s.WhenFalse => s.WhenTrue,
        _ => expr,
    };

    private static Expr SimplifyUnary(Unary unary) => unary switch
    {
        { Operator: UnaryOperator.Negate, Operand: Constant c } => new Constant(-c.Value),
        { Operator: UnaryOperator.Negate, Operand: Unary { Operator: UnaryOperator.Negate } inner } => inner.Operand,
        { Operator: UnaryOperator.ToDouble, Operand: IntConstant i } => new Constant(i.Value),
        { Operator: UnaryOperator.Not, Operand: BoolConstant b } => new BoolConstant(!b.Value),
        _ => unary,
    };

    private static Expr SimplifyBinary(Binary binary)
    {
        Expr left = binary.Left;
        Expr right = binary.Right;
        if (left is Constant l && right is Constant r)
        {
            return Fold(binary.Operator, l.Value, r.Value) is double folded ? new Constant(folded) : binary;
        }

        switch (binary.Operator)
        {
            case BinaryOperator.Add:
                if (IsZero(left))
                {
                    return right;
                }

                if (IsZero(right))
                {
                    return left;
                }

                if (right is Unary { Operator: UnaryOperator.Negate } negatedRight)
                {
                    return SimplifyNode(E.Sub(left, negatedRight.Operand));
                }

                if (left is Unary { Operator: UnaryOperator.Negate } negatedLeft)
                {
                    return SimplifyNode(E.Sub(right, negatedLeft.Operand));
                }

                return binary;
            case BinaryOperator.Subtract:
                if (IsZero(right))
                {
                    return left;
                }

                if (IsZero(left))
                {
                    return SimplifyNode(E.Neg(right));
                }

                if (right is Unary { Operator: UnaryOperator.Negate } negated)
                {
                    return SimplifyNode(E.Add(left, negated.Operand));
                }

                return binary;
            case BinaryOperator.Multiply:
                if (IsZero(left) || IsZero(right))
                {
                    return Constant.Zero;
                }

                if (IsOne(left))
                {
                    return right;
                }

                if (IsOne(right))
                {
                    return left;
                }

                if (left is Constant { Value: -1.0 })
                {
                    return SimplifyNode(E.Neg(right));
                }

                if (right is Constant { Value: -1.0 })
                {
                    return SimplifyNode(E.Neg(left));
                }

                return PullNegation(binary);
            case BinaryOperator.Divide:
                if (IsOne(right))
                {
                    return left;
                }

                if (IsZero(left))
                {
                    return Constant.Zero;
                }

                return PullNegation(binary);
            default:
                return binary;
        }
    }

    /// <summary>(-a) * (-b) = a * b; (-a) * b = -(a * b); the same for division.</summary>
    private static Expr PullNegation(Binary binary)
    {
        bool leftNegated = binary.Left is Unary { Operator: UnaryOperator.Negate };
        bool rightNegated = binary.Right is Unary { Operator: UnaryOperator.Negate };
        if (!leftNegated && !rightNegated)
        {
            return binary;
        }

        Expr left = leftNegated ? ((Unary)binary.Left).Operand : binary.Left;
        Expr right = rightNegated ? ((Unary)binary.Right).Operand : binary.Right;
        Expr positive = binary with { Left = left, Right = right };
        return leftNegated && rightNegated ? positive : E.Neg(positive);
    }

    /// <summary>a >= a is true and a > a false (a derivative rule's tie, e.g. of Max(a, a); NaN aside).</summary>
    private static bool? SameOperandComparison(BinaryOperator op) => op switch
    {
        BinaryOperator.GreaterOrEqual or BinaryOperator.LessOrEqual or BinaryOperator.Equal => true,
        BinaryOperator.Greater or BinaryOperator.Less or BinaryOperator.NotEqual => false,
        _ => null,
    };

    private static double? Fold(BinaryOperator op, double left, double right) => op switch
    {
        BinaryOperator.Add => left + right,
        BinaryOperator.Subtract => left - right,
        BinaryOperator.Multiply => left * right,
        BinaryOperator.Divide => left / right,
        _ => null,
    };

    private static bool IsZero(Expr expr) => expr is Constant { Value: 0.0 };

    private static bool IsOne(Expr expr) => expr is Constant { Value: 1.0 };
}
