using System;
using SymGrad;

namespace SymGrad.Models;

/// <summary>
/// The perceptron's discriminant g = theta^T x (bias first, x0 = 1) and the logistic unit
/// h = sigmoid(g). Its gradient with respect to theta is h (1 - h) x.
/// </summary>
public static partial class LogisticUnit
{
    /// <summary>g = theta0 + sum_j theta_(j+1) x_j.</summary>
    public static double Discriminant(ReadOnlySpan<double> theta, ReadOnlySpan<double> x)
    {
        double g = theta[0];
        for (int j = 0; j < x.Length; j++)
        {
            g += theta[j + 1] * x[j];
        }

        return g;
    }

    /// <summary>h = sigmoid(theta^T x); <c>OutputGradient</c> is generated.</summary>
    [Differentiable]
    public static double Output(ReadOnlySpan<double> theta, [NoDerivative] ReadOnlySpan<double> x)
    {
        double g = theta[0];
        for (int j = 0; j < x.Length; j++)
        {
            g += theta[j + 1] * x[j];
        }

        return SymMath.Sigmoid(g);
    }
}
