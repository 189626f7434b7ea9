using System;
using SymGrad;

namespace SymGrad.Models;

/// <summary>
/// The gates of a computation graph and their backward passes: add distributes the gradient, multiply
/// swaps its inputs, max routes it to the larger input (a tie to the first), min to the smaller, and
/// scaling by a constant scales it.
/// </summary>
public static partial class Gates
{
    [Differentiable]
    public static double Add(double x, double y) => x + y;

    [Differentiable]
    public static double Multiply(double x, double y) => x * y;

    [Differentiable]
    public static double Max(double x, double y) => Math.Max(x, y);

    [Differentiable]
    public static double Min(double x, double y) => Math.Min(x, y);

    [Differentiable]
    public static double Scale(double x, [NoDerivative] double c) => c * x;

    /// <summary>The graph z = max(x y, x + y) c of the samples.</summary>
    [Differentiable]
    public static double Graph(double x, double y, [NoDerivative] double c)
    {
        double product = x * y;
        double sum = x + y;
        double larger = Math.Max(product, sum);
        return larger * c;
    }
}
