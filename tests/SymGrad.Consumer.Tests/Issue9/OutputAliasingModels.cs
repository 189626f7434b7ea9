using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>
/// Issue 9, item 5: an output span that aliases an input (<c>FGradient(w, b, dw: w)</c>) returned 0
/// and overwrote <c>w</c>; one buffer passed for two outputs held their sum. Both now throw.
/// </summary>
public static partial class OutputAliasingModels
{
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Linear(double[] w, double b, [NoDerivative] double[] x)
    {
        double s = b;
        for (int i = 0; i < w.Length; i++)
        {
            s += w[i] * x[i];
        }

        return Math.Tanh(s);
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double TwoVectors(double[] u, double[] v)
    {
        double s = 0;
        for (int i = 0; i < u.Length; i++)
        {
            s += Math.Sin(u[i]) * v[i];
        }

        return s;
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double OverSpan(ReadOnlySpan<double> a, double x)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * a[i] * x;
        }

        return s;
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double Scalars(double x, double y) => x * Math.Exp(y);
}
