using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Vectorised;

/// <summary>
/// Element-wise loops that sum into the enclosing code (docs/how-it-works.md, "Element-wise loops"): logistic
/// regression with its bias in <c>w[0]</c>, whose row loop, once its products are tiled, sums the loss into a variable
/// and the bias's derivative into <c>dw[0]</c>, both kept in lanes; and a layer of sigmoids whose reverse loop pops one
/// value per unit and sums into the derivative of the scalar s. Each has an <c>ExactSums</c> twin that keeps the loops, and the logistic one a
/// <c>float</c> twin.
/// </summary>
public static partial class SumModels
{
    [Differentiable]
    public static double Logistic(ReadOnlySpan<double> w, [NoDerivative] ReadOnlySpan<double> x, [NoDerivative] ReadOnlySpan<double> y, int n)
    {
        int m = y.Length;
        double loss = 0;
        for (int i = 0; i < m; i++)
        {
            double z = w[0];
            for (int j = 0; j < n; j++)
            {
                z += w[j + 1] * x[i * n + j];
            }

            loss += SymMath.Softplus(z) - y[i] * z;
        }

        return loss / (m + 1);
    }

    [Differentiable(ExactSums = true)]
    public static double LogisticExact(ReadOnlySpan<double> w, [NoDerivative] ReadOnlySpan<double> x, [NoDerivative] ReadOnlySpan<double> y, int n) => Logistic(w, x, y, n);

    /// <summary><see cref="Logistic"/> in <c>float</c>: sixteen lanes, checked against the <c>double</c> one.</summary>
    [Differentiable]
    public static float SingleLogistic(ReadOnlySpan<float> w, [NoDerivative] ReadOnlySpan<float> x, [NoDerivative] ReadOnlySpan<float> y, int n)
    {
        int m = y.Length;
        float loss = 0;
        for (int i = 0; i < m; i++)
        {
            float z = w[0];
            for (int j = 0; j < n; j++)
            {
                z += w[j + 1] * x[i * n + j];
            }

            loss += SymMath.Softplus(z) - y[i] * z;
        }

        return loss / (m + 1);
    }

    [Differentiable]
    public static double Scaled(double[] w, double s, int h)
    {
        double[] a = new double[h];
        double loss = 0.0;
        for (int i = 0; i < 3; i++)
        {
            double t = s * (i + 1);
            for (int j = 0; j < h; j++)
            {
                a[j] = SymMath.Sigmoid(w[j] * t);
            }

            for (int j = 0; j < h; j++)
            {
                loss += a[j] * (j + 1);
            }
        }

        return loss;
    }

    /// <summary>A sum of -0.0 terms from -0.0: its lanes must leave the sign as the loop does.</summary>
    [Differentiable]
    public static double SignedZero(double[] w, int h)
    {
        double total = -0.0;
        for (int j = 0; j < h; j++)
        {
            total += -(Math.Exp(w[j]) * 0.0);
        }

        return total;
    }

    [Differentiable(ExactSums = true)]
    public static double ScaledExact(double[] w, double s, int h) => Scaled(w, s, h);
}
