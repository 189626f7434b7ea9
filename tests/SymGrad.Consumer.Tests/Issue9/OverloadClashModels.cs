using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>
/// Two [Differentiable(Tangent = true, Hessian = true)] overloads where one has an optional integer parameter: the generated
/// overload for the shorter call shape would repeat the other's gradient signature (CS0111 inside
/// the generated file), so it is not generated; each call shape still has exactly one gradient.
/// </summary>
public static partial class OverloadClashModels
{
    [Differentiable(Tangent = true, Hessian = true)]
    public static double F(double x) => x * x;

    [Differentiable(Tangent = true, Hessian = true)]
    public static double F(double x, int n = 3) => Math.Pow(x, n);

    [Differentiable(Tangent = true, Hessian = true)]
    public static double G(double x, [NoDerivative] double scale = 2.0) => scale * Math.Sin(x);

    [Differentiable(Tangent = true, Hessian = true)]
    public static double G(double x) => Math.Cos(x);
}
