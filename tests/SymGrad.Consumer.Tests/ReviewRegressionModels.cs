using System;
using SymGrad;

namespace SymGrad.Consumer.Tests;

/// <summary>Shapes a review found wrong or not compiling; kept as regression tests.</summary>
public static partial class ReviewRegressionModels
{
    /// <summary>A value read from an array after a loop that rewrites it (the read must see the final element).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ReadAfterRewritingLoop(double[] a, double x)
    {
        double y = Math.Sin(x);
        double[] t = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            t[i] = a[i] * x;
        }

        for (int i = 1; i < a.Length; i++)
        {
            t[i] = t[i] * t[i - 1];
        }

        return y * t[2];
    }

    /// <summary>An array without derivatives overwritten after it is read as a coefficient.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ConstantArrayOverwritten(double[] a, double x, [NoDerivative] double[] b)
    {
        double[] t = new double[a.Length];
        double h = x;
        t[0] = 2;
        double y = h * t[0];
        t[0] = 3;
        double s = Math.Sin(y) * t[0] + h * h * t[0];
        for (int i = 0; i < a.Length; i++)
        {
            t[0] = b[i] + 1;
            h = Math.Sin(h * t[0] + a[i]);
        }

        return s + h;
    }

    /// <summary>Distinct locals that share a name in sibling scopes, with different types.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SameNameInSiblingScopes(double[] a, double x, [NoDerivative] double[] b)
    {
        double s = x;
        {
            int p = 3;
            s = s * p;
        }

        if (b[0] > 0)
        {
            int p = 2;
            s = s * p;
        }
        else
        {
            double p = x * 0.5;
            s = s * p;
        }

        for (int i = 0; i < a.Length; i++)
        {
            double p = a[i] * x;
            s += p * p;
        }

        return s;
    }
}
