using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Composition;

/// <summary>
/// Custom derivatives (issue 10): functions the generator does not read, each with a [DerivativeOf]
/// method, called from [Differentiable] methods. One in the same type (a rational approximation whose
/// derivative is written by hand), one in another type, one with an array parameter and a
/// [NoDerivative] parameter.
/// </summary>
public static partial class CustomDerivativeModels
{
    /// <summary>A Padé-style approximation of tanh, written with a loop and a local the generator never sees.</summary>
    public static double SoftClip(double x)
    {
        double x2 = x * x;
        double value = x * (27 + x2) / (27 + 9 * x2);
        return Math.Clamp(value, -1.0, 1.0);
    }

    [DerivativeOf(nameof(SoftClip))]
    public static double SoftClipGradient(double x, out double dx)
    {
        double x2 = x * x;
        double value = x * (27 + x2) / (27 + 9 * x2);
        // d/dx [x (27 + x²) / (27 + 9x²)] = (27 + 3x²)(27 + 9x²) - 18x² (27 + x²), over (27 + 9x²)².
        double denominator = 27 + 9 * x2;
        dx = value is > -1.0 and < 1.0 ? ((27 + 3 * x2) * denominator - 18 * x2 * (27 + x2)) / (denominator * denominator) : 0.0;
        return Math.Clamp(value, -1.0, 1.0);
    }

    [Differentiable]
    public static double SameType(double x, double y) => SoftClip(x * y) + y * SoftClip(x - 1);

    [Differentiable]
    public static double OtherType(double x, double y) => Kernels.LogCosh(x - y) * Kernels.LogCosh(2 * y);

    [Differentiable]
    public static double ArrayParameter(double[] w, [NoDerivative] double[] x, double b)
    {
        double s = 0;
        for (int i = 0; i < 3; i++)
        {
            s += Kernels.WeightedNorm(w, x, b * i);
        }

        return s;
    }

    /// <summary>A constant argument of a differentiated parameter: its output is discarded ('out _').</summary>
    [Differentiable]
    public static double ConstantArgument(double x, double[] w, [NoDerivative] double[] v) => SoftClip(x) * Kernels.WeightedNorm(w, v, 0.75);
}

/// <summary>Functions of another type whose derivatives are declared in it.</summary>
public static class Kernels
{
    public static double LogCosh(double r) => Math.Abs(r) + Math.Log(1 + Math.Exp(-2 * Math.Abs(r))) - Math.Log(2);

    [DerivativeOf(typeof(Kernels), nameof(LogCosh))]
    public static double LogCoshGradient(double r, out double dr)
    {
        dr = Math.Tanh(r);
        return LogCosh(r);
    }

    /// <summary>sqrt(b² + sum_i x_i w_i²).</summary>
    public static double WeightedNorm(double[] w, double[] x, double b)
    {
        double s = b * b;
        for (int i = 0; i < w.Length; i++)
        {
            s += x[i] * w[i] * w[i];
        }

        return Math.Sqrt(s);
    }

    [DerivativeOf(nameof(WeightedNorm))]
    public static double WeightedNormGradient(double[] w, double[] x, double b, Span<double> dw, Span<double> dx, out double db)
    {
        double norm = WeightedNorm(w, x, b);
        for (int i = 0; i < w.Length; i++)
        {
            dw[i] = x[i] * w[i] / norm;
            dx[i] = w[i] * w[i] / (2 * norm);
        }

        db = b / norm;
        return norm;
    }
}
