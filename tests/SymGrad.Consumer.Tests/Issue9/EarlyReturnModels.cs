using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>
/// Early returns (issue 9, items 1 and 8): local arrays declared after a guard clause, guards that
/// return on some paths only, many guards in a row, returns nested in branches.
/// </summary>
public static partial class EarlyReturnModels
{
    /// <summary>The review's repro: a local array after an early return.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ArrayAfterGuard(double[] x, double w)
    {
        if (w < 0)
        {
            return 0.0;
        }

        double[] t = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            t[i] = x[i] * w;
        }

        return t[0];
    }

    /// <summary>Two guards, a stackalloc'd scratch span and a nonlinear use of it after both.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double StackScratchAfterTwoGuards(double[] x, double w)
    {
        if (w > 3)
        {
            return w * x[0];
        }

        if (x.Length < 2)
        {
            return Math.Sin(w);
        }

        Span<double> t = stackalloc double[x.Length];
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            t[i] = Math.Tanh(x[i] * w);
        }

        for (int i = 1; i < x.Length; i++)
        {
            s += t[i] * t[i - 1];
        }

        return s;
    }

    /// <summary>An array whose length is only valid after the guard (a negative length would throw).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double LengthValidOnlyAfterGuard(double[] x, int n)
    {
        if (n <= 0)
        {
            return x[0] * x[0];
        }

        double[] t = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++)
        {
            t[i] = x[i % x.Length] * (i + 1);
            s += t[i] * t[i];
        }

        return s;
    }

    /// <summary>The review's blow-up shape: guarded returns nested in branches, twelve in a row.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double TwelveNestedGuards(double x, double y)
    {
        double s = 1;
        if (x > 0.1) { if (y > 0.1) { return s * 1; } s += y * 0.1; }
        if (x > 0.2) { if (y > 0.2) { return s * 2; } s += y * 0.2; }
        if (x > 0.3) { if (y > 0.3) { return s * 3; } s += y * 0.3; }
        if (x > 0.4) { if (y > 0.4) { return s * 4; } s += y * 0.4; }
        if (x > 0.5) { if (y > 0.5) { return s * 5; } s += y * 0.5; }
        if (x > 0.6) { if (y > 0.6) { return s * 6; } s += y * 0.6; }
        if (x > 0.7) { if (y > 0.7) { return s * 7; } s += y * 0.7; }
        if (x > 0.8) { if (y > 0.8) { return s * 8; } s += y * 0.8; }
        if (x > 0.9) { if (y > 0.9) { return s * 9; } s += y * 0.9; }
        if (x > 1.0) { if (y > 1.0) { return s * 10; } s += y * 1.0; }
        if (x > 1.1) { if (y > 1.1) { return s * 11; } s += y * 1.1; }
        if (x > 1.2) { if (y > 1.2) { return s * 12; } s += y * 1.2; }
        return s * x;
    }

    /// <summary>Returns in both branches of an inner if, a return in an else, and code after a partial guard.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double MixedReturns(double x, double y)
    {
        double s = x * y;
        if (x > 0)
        {
            if (y > 0)
            {
                return s + Math.Exp(-y);
            }
            else
            {
                s = s * s;
            }
        }
        else if (y > 1)
        {
            s += Math.Sin(x);
        }
        else
        {
            return s - y;
        }

        double t = Math.Cos(s);
        if (t > 0.5)
        {
            return t * x;
        }

        return t + y;
    }

    /// <summary>A nested ternary: code linear in its size.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double NestedTernary(double x, double y) =>
        x > 0
            ? (y > 0 ? (x > y ? x * y : x - y) : (x > -y ? Math.Sin(y) : y * y))
            : (y > 0 ? (x + y > 0 ? Math.Exp(x) : x * x) : (x < y ? Math.Cos(x * y) : 1.0));
}
