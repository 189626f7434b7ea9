using System;
using SymGrad;

namespace SymGrad.Consumer.Tests;

/// <summary>Methods evaluated exactly at their non-differentiable points.</summary>
public static partial class TieModels
{
    [Differentiable(Tangent = true, Hessian = true)] public static double MinTie(double x, double y) => Math.Min(x, y);
    [Differentiable(Tangent = true, Hessian = true)] public static double AbsAtZero(double x) => Math.Abs(x);
    [Differentiable(Tangent = true, Hessian = true)] public static double ReluAtZero(double x) => SymMath.Relu(x);
}
