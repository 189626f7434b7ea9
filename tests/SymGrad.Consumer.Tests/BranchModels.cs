using System;
using SymGrad;

namespace SymGrad.Consumer.Tests;

/// <summary>Branches: only the branch taken is differentiated.</summary>
public static partial class BranchModels
{
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Piecewise(double x, double y)
    {
        if (x > 1.0)
        {
            return Math.Log(x) * y;
        }
        else if (x < -1.0)
        {
            return Math.Exp(x) + y;
        }

        double t = x * x * y;
        return t - x;
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double Nested(double x, double y)
    {
        double r;
        if (x > 0 && y > 0)
        {
            if (x > y)
                r = x * y;
            else
                r = Math.Exp(x - y);
        }
        else if (!(x < -1) || y == 0)
        {
            r = Math.Sqrt(x * x + 1.0);
        }
        else
        {
            r = y;
        }

        return r * x;
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double Ternaries(double x, double y) => (x > y ? x * x : y * 3.0) + (x + y > 0 || x < -2 ? Math.Sin(x) : -y);

    [Differentiable(Tangent = true, Hessian = true)]
    public static double MergeAfterIf(double x, double y)
    {
        double a = x;
        if (y > 0)
        {
            a = a * y;
        }

        a = a + 1.0;
        if (a > 2.0)
        {
            a = Math.Sqrt(a);
        }
        else
        {
            y = y * a;
        }

        return a * y;
    }

    /// <summary>The untaken branch would be NaN (log of a negative number): it must not poison the gradient.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SafeLog(double x) => x > 0 ? Math.Log(x) : x;

    /// <summary>JAX's where trap: sqrt'(0) is infinite, but the branch is not taken at 0.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SafeSqrt(double x) => x > 0 ? Math.Sqrt(x) : 0.0;

    [Differentiable(Tangent = true, Hessian = true)]
    public static double IntegerBranch(double x, int n, bool flip)
    {
        double v = x * n;
        if (flip)
        {
            v = -v;
        }

        return n > 2 ? v * v : v;
    }
}
