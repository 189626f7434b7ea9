using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>
/// Evaluation order and paths (issue 9, items 3 and 4): conditionals on the right of && and ||,
/// and values the taken path does not use whose partial derivatives are infinite or NaN there.
/// </summary>
public static partial class PathModels
{
    /// <summary>The review's repro: the conditional on the right of && must not run when k is out of range.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double AndGuardsIndex(double[] a, int k) =>
        k < a.Length && (a[k] > 0 ? a[k] : -a[k]) > 0.5 ? a[0] : 0.0;

    /// <summary>The same guard through ||.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double OrGuardsIndex(double[] a, int k) =>
        k >= a.Length || (a[k] > 0 ? a[k] : -a[k]) < 0.5 ? a[0] * a[0] : a[k] * a[1];

    /// <summary>A chain of && whose middle and last operands both hold conditionals, inside an if.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double AndChainInIf(double[] a, int k, double x)
    {
        double s = x;
        if (k >= 0 && (k < a.Length ? a[k] : 0.0) > -1 && (a[k] > x ? a[k] - x : x - a[k]) < 2)
        {
            s += a[k] * x;
        }

        return s * s;
    }

    /// <summary>A conditional right of an element read that may throw: the read must come first (C# order).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ElementReadBeforeConditional(double[] a, int k, double x) =>
        a[k] * 2 + (x > 0 ? Math.Sqrt(x) : -x);

    /// <summary>The review's repro: sqrt computed, used only when x > 0.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SqrtUnusedWhenNegative(double x)
    {
        double r = Math.Sqrt(x);
        if (x > 0)
        {
            return r;
        }

        return 0.0;
    }

    /// <summary>The review's repro: a fused sum of logs, used only when useSum.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double LogSumUnusedUnlessAsked(double[] w, bool useSum)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            s += Math.Log(w[i]);
        }

        return useSum ? s : w[0];
    }

    /// <summary>Singular values inside a loop, used only on the iterations where they are finite.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SqrtUsedOnPositiveElements(double[] w, double y)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            double t = Math.Sqrt(w[i]);
            if (w[i] > 0)
            {
                s += t * y;
            }
        }

        return s;
    }

    /// <summary>A reciprocal and a log, both unused on the path taken, reaching the result through products.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SingularThroughProducts(double x, double y)
    {
        double inverse = 1.0 / x;
        double logY = Math.Log(y);
        double p = inverse * y + logY * x;
        if (x == 0 || y <= 0)
        {
            return x + y;
        }

        return p;
    }

    /// <summary>A singular value used after a loop that may run no iteration.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SingularInZeroTripLoop(double[] a, double x)
    {
        double r = Math.Log(x);
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += r * a[i];
        }

        return s + a.Length;
    }

    /// <summary>'&amp;' and '|' on bool evaluate both sides (the right side's read throws when k is out of range).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double EagerAndReadsBothSides(double[] a, int k, double x) =>
        k < a.Length & a[k] > 0 ? x * a[0] : (x > 1 | a[2] > 0 ? x * x : a[1] * x);

    /// <summary>Named arguments out of parameter order: C# evaluates them in source order (a[k] before a[j]).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double NamedArgumentsInSourceOrder(double[] a, int j, int k) =>
        Math.Pow(y: a[k] * 0.5, x: a[j] * a[j] + 1.0) + Math.Max(val2: a[k], val1: a[0]);

    /// <summary>A fused sum that saves values and accumulates straight into dw, unused on one path (dw must be 0 there, not NaN).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SavedSumUnusedUnlessAsked(double[] w, double x, bool useSum)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            s += Math.Exp(w[i] * x) * Math.Log(w[i]);
        }

        return useSum ? s : x * x;
    }
}
