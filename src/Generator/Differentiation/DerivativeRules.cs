using System;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Differentiation;

/// <summary>Which values of a node its derivative reads, so the forward sweep can keep them.</summary>
[Flags]
internal enum NeededValues
{
    None = 0,
    Self = 1,
    First = 2,
    Second = 4,
}

/// <summary>
/// The derivative rules, written as a textbook would. <see cref="Needs"/> and
/// <see cref="Contribution"/> must agree: a rule may only read the values <see cref="Needs"/>
/// names, so those are named in the forward sweep and reused (exp' from the stored exp, sigmoid'
/// from the stored sigmoid). Conventions at non-differentiable points: Max/Min give a tie to the
/// first argument; Abs'(0) = 0; Relu'(0) = 0; d/db a^b = 0 where a^b = 0.
/// </summary>
internal static class DerivativeRules
{
    public static NeededValues Needs(Expr node, bool firstActive, bool secondActive)
    {
        switch (node)
        {
            case Binary { Operator: BinaryOperator.Multiply }:
                return (firstActive ? NeededValues.Second : NeededValues.None) | (secondActive ? NeededValues.First : NeededValues.None);
            case Binary { Operator: BinaryOperator.Divide }:
                return (firstActive ? NeededValues.Second : NeededValues.None) | (secondActive ? NeededValues.First | NeededValues.Second : NeededValues.None);
            case VectorCall vector:
                return vector.Function == VectorFunction.Dot ? NeededValues.None : NeededValues.Self;
            case Call call:
                return call.Function switch
                {
                    MathFunction.Exp or MathFunction.Sqrt or MathFunction.Tan or MathFunction.Tanh or MathFunction.Sigmoid => NeededValues.Self,
                    MathFunction.Max or MathFunction.Min => NeededValues.First | NeededValues.Second,
                    MathFunction.Pow => (firstActive ? NeededValues.First | NeededValues.Second : NeededValues.None)
                        | (secondActive ? NeededValues.Self | NeededValues.First : NeededValues.None),
                    _ => NeededValues.First,
                };
            default:
                return NeededValues.None;
        }
    }

    /// <summary>
    /// The adjoint that flows from a call to its argument <paramref name="argument"/> (0 or 1),
    /// given the call's own value <paramref name="self"/> and its adjoint.
    /// </summary>
    public static Expr Contribution(Call call, int argument, Expr self, Expr adjoint)
    {
        Expr a = call.First;
        switch (call.Function)
        {
            case MathFunction.Exp:
                return E.Mul(adjoint, self);
            case MathFunction.Log:
                return E.Div(adjoint, a);
            case MathFunction.Sqrt:
                return E.Div(adjoint, E.Mul(E.Num(2), self));
            case MathFunction.Pow when argument == 0:
                return E.Mul(adjoint, PowerDerivative(a, call.Second!));
            case MathFunction.Pow:
                return E.Select(E.Compare(BinaryOperator.Equal, self, E.Num(0)), E.Num(0), E.Mul(E.Mul(adjoint, self), E.Call(MathFunction.Log, a)));
            case MathFunction.Sin:
                return E.Mul(adjoint, E.Call(MathFunction.Cos, a));
            case MathFunction.Cos:
                return E.Neg(E.Mul(adjoint, E.Call(MathFunction.Sin, a)));
            case MathFunction.Tan:
                return E.Mul(adjoint, E.Add(E.Num(1), E.Mul(self, self)));
            case MathFunction.Atan:
                return E.Div(adjoint, E.Add(E.Num(1), E.Mul(a, a)));
            case MathFunction.Sinh:
                return E.Mul(adjoint, E.Call(MathFunction.Cosh, a));
            case MathFunction.Cosh:
                return E.Mul(adjoint, E.Call(MathFunction.Sinh, a));
            case MathFunction.Tanh:
                return E.Mul(adjoint, E.Sub(E.Num(1), E.Mul(self, self)));
            case MathFunction.Abs:
                return E.Select(E.Compare(BinaryOperator.Greater, a, E.Num(0)), adjoint, E.Select(E.Compare(BinaryOperator.Less, a, E.Num(0)), E.Neg(adjoint), E.Num(0)));
            case MathFunction.Max:
                return TieToFirst(BinaryOperator.GreaterOrEqual, call, argument, adjoint);
            case MathFunction.Min:
                return TieToFirst(BinaryOperator.LessOrEqual, call, argument, adjoint);
            case MathFunction.Sigmoid:
                return E.Mul(E.Mul(adjoint, self), E.Sub(E.Num(1), self));
            case MathFunction.Softplus:
                return E.Mul(adjoint, E.Call(MathFunction.Sigmoid, a));
            case MathFunction.Relu:
                return E.Select(E.Compare(BinaryOperator.Greater, a, E.Num(0)), adjoint, E.Num(0));
            default:
                throw new InvalidOperationException("No derivative rule for " + call.Function);
        }
    }

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

    private static Expr TieToFirst(BinaryOperator firstWins, Call call, int argument, Expr adjoint)
    {
        Expr condition = E.Compare(firstWins, call.First, call.Second!);
        return argument == 0 ? E.Select(condition, adjoint, E.Num(0)) : E.Select(condition, E.Num(0), adjoint);
    }
}
