using System;

namespace SymGrad.Consumer.Tests.SecondOrder;

/// <summary>Models for the second-order tests beyond the ones every other model file contributes.</summary>
public static partial class SecondOrderModels
{
    /// <summary>Logistic regression, mean binary cross-entropy: the model Newton's method (IRLS) fits.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Logistic(double[] w, [NoDerivative] double[] x, [NoDerivative] double[] y)
    {
        int n = w.Length;
        double loss = 0.0;
        for (int i = 0; i < y.Length; i++)
        {
            double z = 0.0;
            for (int j = 0; j < n; j++)
            {
                z += w[j] * x[i * n + j];
            }

            loss += SymMath.Softplus(z) - y[i] * z;
        }

        return loss / y.Length;
    }

    /// <summary>A recurrence with taped state and a scalar parameter: forward over reverse through the tape.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Recurrence(double a, double[] u)
    {
        double h = 0.0;
        foreach (double ut in u)
        {
            h = Math.Tanh(a * h + ut);
        }

        return h * Math.Exp(a);
    }
}

/// <summary>Forward mode through calls the generator does not inline: custom derivatives and a referenced assembly's pullback.</summary>
public static partial class SecondOrderCallModels
{
    /// <summary>A custom derivative with scalar parameters, and one in another type: the tangent reads their partials.</summary>
    [Differentiable(Tangent = true)]
    public static double CustomScalars(double x, double y) =>
        Composition.CustomDerivativeModels.SoftClip(x * y) + y * Composition.Kernels.LogCosh(x - 2 * y);

    /// <summary>A custom derivative with an array parameter (its partials come back in a pooled span).</summary>
    [Differentiable(Tangent = true)]
    public static double CustomArray(double[] w, [NoDerivative] double[] x, double b) =>
        Composition.Kernels.WeightedNorm(w, x, b) * b;

    /// <summary>A [Differentiable] method of a referenced assembly: the tangent seeds its pullback with 1.</summary>
    [Differentiable(Tangent = true)]
    public static double ReferencedPullback(double x, double y) => SymGrad.Models.Gates.Multiply(x, y) + SymGrad.Models.Gates.Max(x * x, y);
}
