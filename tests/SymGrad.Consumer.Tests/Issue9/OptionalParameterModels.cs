using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>
/// Issue 9, item 13: optional parameters' defaults were dropped from <c>{Name}Gradient</c>. Each call
/// shape of the method (trailing optional arguments omitted) now has a gradient of the same shape.
/// </summary>
public static partial class OptionalParameterModels
{
    private const double Scale = 1.5;

    [Differentiable(Tangent = true, Hessian = true)]
    public static double Scaled(double x, double y = 2.5, int n = 3) => Math.Sin(x * y) * n;

    [Differentiable(Tangent = true, Hessian = true)]
    public static double Flagged(double x, bool square = true, [NoDerivative] double shift = -0.25, double power = Scale)
    {
        double v = square ? x * x : x;
        return Math.Pow(Math.Exp(v + shift), power);
    }

    /// <summary>An optional array that defaults to null; the body reads only its length, as a caller's flag.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double WithOptionalWeights(double[] a, double x, [NoDerivative] double[]? w = null, double bias = 1e-3)
    {
        double s = bias;
        for (int i = 0; i < a.Length; i++)
        {
            s += Math.Tanh(a[i] * x) * bias;
        }

        return s;
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double SpecialDefaults(double x, double big = double.MaxValue, double tiny = double.Epsilon, double nan = double.NaN, int negative = -7) =>
        x * (big > 1e300 ? 1 : 0) + (tiny > 0 ? x * x : 0) + (nan > 0 || nan <= 0 ? 0 : 0.5 * x) + negative;
}
