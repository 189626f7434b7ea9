using System;
using SymGrad;

namespace SymGrad.Samples.Models;

/// <summary>Small scalar functions whose generated gradients the samples check by finite differences.</summary>
public static partial class ScalarFunctions
{
    /// <summary>A smooth function of two variables: the softplus of a product plus a trigonometric term.</summary>
    [Differentiable]
    public static double Smooth(double x, double y) => Math.Log(1 + Math.Exp(x * y)) + Math.Sin(x) * y;

    /// <summary>A piecewise function: only the branch taken is differentiated.</summary>
    [Differentiable]
    public static double Piecewise(double x, double y)
    {
        if (x > 0)
        {
            return Math.Sqrt(x) * y;
        }

        double t = Math.Tanh(x * y);
        return t * t + y;
    }
}
