using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>
/// Issue 9, item 14: sums over one array, where the last accumulates straight into the gradient
/// output (scaled by its adjoint in the reverse sweep) and bounds are folded (<c>i &lt;= n - 1</c>).
/// </summary>
public static partial class IndependentSumsModels
{
    [Differentiable(Tangent = true, Hessian = true)]
    public static double FiveSums(double[] a, double x)
    {
        double s1 = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s1 += a[i] * x;
        }

        double s2 = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s2 += Math.Sin(a[i]);
        }

        double s3 = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s3 += a[i] * a[i];
        }

        double s4 = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s4 += Math.Exp(a[i] * x);
        }

        double s5 = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s5 += Math.Tanh(a[i]);
        }

        return s1 * s2 + s3 * s4 + s5 * s5;
    }

    /// <summary>The last sum's adjoint is not 1, and statements before it read the array element-wise.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double LastSumScaledAfterElementReads(double[] a, double x, int n)
    {
        double head = a[0] * x + a[n - 1];
        double s1 = 0;
        for (int i = 0; i <= n - 1; i++)
        {
            s1 += a[i] * x;
        }

        double s2 = 0;
        for (int i = n - 1; i > 0; i--)
        {
            s2 += Math.Sin(a[i] * a[i - 1]);
        }

        return head * s2 + s1 * Math.Cos(s2);
    }

    /// <summary>Sums over a local array that is rewritten afterwards, and over a constant array: the reverse sweep must not read rewritten elements.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SumsOverARewrittenLocalArray(double[] a, double x, [NoDerivative] double[] b)
    {
        double[] t = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            t[i] = a[i] * x;
        }

        double s1 = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s1 += t[i] * t[i] * b[i];
        }

        double s2 = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s2 += Math.Sin(t[i]) + a[i] * b[i] * x;
        }

        for (int i = 0; i < a.Length; i++)
        {
            t[i] = t[i] * 2 + a[i];
        }

        double s3 = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s3 += t[i] * x;
        }

        return s1 * s2 + s3 * s1;
    }
}
