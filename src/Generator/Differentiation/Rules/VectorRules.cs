using System;
using System.Collections.Generic;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Differentiation.Rules;

/// <summary>
/// The SymMath functions of whole arrays:
/// d LogSumExp(z) / dz_j = exp(z_j - LogSumExp(z));
/// d LogSoftmax(z, k) / dz_j = [j = k] - exp(z_j - LogSumExp(z)), with LogSumExp(z) = z_k - LogSoftmax(z, k);
/// d Dot(a, b) / da_j = b_j and / db_j = a_j.
/// </summary>
internal static class VectorRules
{
    private static readonly IReadOnlyList<Expr> NoPrelude = Array.Empty<Expr>();
    private static readonly IReadOnlyList<PointPartial> NoPoints = Array.Empty<PointPartial>();

    public static readonly IReadOnlyDictionary<VectorFunction, VectorRule> Functions = new Dictionary<VectorFunction, VectorRule>
    {
        [VectorFunction.LogSumExp] = new(
            "SymMath.LogSumExp",
            NeededValues.Self,
            (_, _) => NoPrelude,
            (call, self, j, _) => new[] { new ElementPartial(call.First, E.Call(MathFunction.Exp, E.Sub(Element(call.First, j), self))) },
            _ => NoPoints),
        [VectorFunction.LogSoftmax] = new(
            "SymMath.LogSoftmax",
            NeededValues.Self,
            (call, self) => new[] { E.Sub(new ElementRead(call.First, call.Index!, ValueKind.Double), self) },
            (call, _, j, named) => new[] { new ElementPartial(call.First, E.Neg(E.Call(MathFunction.Exp, E.Sub(Element(call.First, j), named[0])))) },
            call => new[] { new PointPartial(call.First, call.Index!, E.Num(1)) }),
        [VectorFunction.Dot] = new(
            "SymMath.Dot",
            NeededValues.None,
            (_, _) => NoPrelude,
            (call, _, j, _) => new[] { new ElementPartial(call.First, Element(call.Second!, j)), new ElementPartial(call.Second!, Element(call.First, j)) },
            _ => NoPoints),
    };

    private static Expr Element(string array, Expr index) => new ElementRead(array, index, ValueKind.Double);
}
