using System.Collections.Generic;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Differentiation.Rules;

/// <summary>
/// The rules of the arithmetic operators and the <c>Math</c>/<c>SymMath</c> scalar functions, as a
/// textbook writes them. Conventions at non-differentiable points: Max/Min give a tie to the first
/// argument; Abs'(0) = 0; Relu'(0) = 0; d/db a^b = 0 where a^b = 0. The rules marked <c>saturates</c> have a
/// partial that rounds to exactly 0 where an operand has overflowed and the value has not (see <see cref="ScalarRule.Saturates"/>).
/// </summary>
internal static class ElementaryRules
{
    private static readonly NeededValues Nothing = NeededValues.None;

    public static readonly ScalarRule Negate = new("unary -", (_, _) => Nothing, (_, _) => E.Num(-1));

    public static readonly IReadOnlyDictionary<BinaryOperator, ScalarRule> Operators = new Dictionary<BinaryOperator, ScalarRule>
    {
        [BinaryOperator.Add] = new("+", (_, _) => Nothing, (_, _) => E.Num(1)),
        [BinaryOperator.Subtract] = new("-", (_, _) => Nothing, (_, argument) => E.Num(argument == 0 ? 1 : -1)),

        // d(ab) = b da + a db
        [BinaryOperator.Multiply] = new(
            "*",
            (firstActive, secondActive) => (firstActive ? NeededValues.Second : Nothing) | (secondActive ? NeededValues.First : Nothing),
            (o, argument) => argument == 0 ? o.Second! : o.First),

        // d(a/b) = da / b - a db / b^2
        [BinaryOperator.Divide] = new(
            "/",
            (firstActive, secondActive) => (firstActive ? NeededValues.Second : Nothing) | (secondActive ? NeededValues.First | NeededValues.Second : Nothing),
            (o, argument) => argument == 0 ? E.Div(E.Num(1), o.Second!) : E.Neg(E.Div(o.First, E.Mul(o.Second!, o.Second!))),
            Always),
    };

    public static readonly IReadOnlyDictionary<MathFunction, ScalarRule> Functions = new Dictionary<MathFunction, ScalarRule>
    {
        [MathFunction.Exp] = new("Math.Exp", Self, (o, _) => o.Self, Always),
        [MathFunction.Log] = new("Math.Log", First, (o, _) => E.Div(E.Num(1), o.First)),
        [MathFunction.Sqrt] = new("Math.Sqrt", Self, (o, _) => E.Div(E.Num(1), E.Mul(E.Num(2), o.Self))),
        [MathFunction.Pow] = new(
            "Math.Pow",
            (firstActive, secondActive) => (firstActive ? NeededValues.First | NeededValues.Second : Nothing) | (secondActive ? NeededValues.Self | NeededValues.First : Nothing),
            (o, argument) => argument == 0
                ? PowerDerivative(o.First, o.Second!)
                : E.Select(E.Compare(BinaryOperator.Equal, o.Self, E.Num(0)), E.Num(0), E.Mul(o.Self, E.Call(MathFunction.Log, o.First))),
            o => o.Second is not Constant { Value: > 0.0 }),
        [MathFunction.Sin] = new("Math.Sin", First, (o, _) => E.Call(MathFunction.Cos, o.First)),
        [MathFunction.Cos] = new("Math.Cos", First, (o, _) => E.Neg(E.Call(MathFunction.Sin, o.First))),
        [MathFunction.Tan] = new("Math.Tan", Self, (o, _) => E.Add(E.Num(1), E.Mul(o.Self, o.Self))),
        [MathFunction.Atan] = new("Math.Atan", First, (o, _) => E.Div(E.Num(1), E.Add(E.Num(1), E.Mul(o.First, o.First))), Always),
        [MathFunction.Sinh] = new("Math.Sinh", First, (o, _) => E.Call(MathFunction.Cosh, o.First)),
        [MathFunction.Cosh] = new("Math.Cosh", First, (o, _) => E.Call(MathFunction.Sinh, o.First)),
        [MathFunction.Tanh] = new("Math.Tanh", Self, (o, _) => E.Sub(E.Num(1), E.Mul(o.Self, o.Self)), Always),
        [MathFunction.Abs] = new(
            "Math.Abs",
            First,
            (o, _) => E.Select(E.Compare(BinaryOperator.Greater, o.First, E.Num(0)), E.Num(1), E.Select(E.Compare(BinaryOperator.Less, o.First, E.Num(0)), E.Num(-1), E.Num(0)))),
        [MathFunction.Max] = new("Math.Max", Both, (o, argument) => TieToFirst(BinaryOperator.GreaterOrEqual, o, argument)),
        [MathFunction.Min] = new("Math.Min", Both, (o, argument) => TieToFirst(BinaryOperator.LessOrEqual, o, argument)),
        [MathFunction.Sigmoid] = new("SymMath.Sigmoid", Self, (o, _) => E.Mul(o.Self, E.Sub(E.Num(1), o.Self)), Always),
        [MathFunction.Softplus] = new("SymMath.Softplus", First, (o, _) => E.Call(MathFunction.Sigmoid, o.First), Always),
        [MathFunction.Relu] = new("SymMath.Relu", First, (o, _) => E.Select(E.Compare(BinaryOperator.Greater, o.First, E.Num(0)), E.Num(1), E.Num(0))),
    };

    private static bool Always(RuleOperands operands) => true;

    private static NeededValues Self(bool firstActive, bool secondActive) => NeededValues.Self;

    private static NeededValues First(bool firstActive, bool secondActive) => NeededValues.First;

    private static NeededValues Both(bool firstActive, bool secondActive) => NeededValues.First | NeededValues.Second;

    /// <summary>d/da a^b = b a^(b-1), with the common integer exponents written out.</summary>
    private static Expr PowerDerivative(Expr a, Expr b)
    {
        if (b is Constant { Value: var exponent })
        {
            return exponent switch
            {
                0.0 => E.Num(0),
                1.0 => E.Num(1),
                2.0 => E.Mul(E.Num(2), a),
                3.0 => E.Mul(E.Num(3), E.Mul(a, a)),
                _ => E.Mul(b, E.Call(MathFunction.Pow, a, E.Num(exponent - 1))),
            };
        }

        return E.Mul(b, E.Call(MathFunction.Pow, a, E.Sub(b, E.Num(1))));
    }

    private static Expr TieToFirst(BinaryOperator firstWins, RuleOperands o, int argument)
    {
        Expr condition = E.Compare(firstWins, o.First, o.Second!);
        return argument == 0 ? E.Select(condition, E.Num(1), E.Num(0)) : E.Select(condition, E.Num(0), E.Num(1));
    }
}
