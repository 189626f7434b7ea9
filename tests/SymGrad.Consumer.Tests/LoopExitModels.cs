using System;
using SymGrad;

namespace SymGrad.Consumer.Tests;

/// <summary>
/// One method per loop form that may stop early or steps by other than one: <c>while</c>, <c>do</c>,
/// <c>break</c>, <c>continue</c>, <c>return</c> inside loops, constant strides and <c>!=</c> conditions.
/// </summary>
public static partial class LoopExitModels
{
    /// <summary>
    /// Newton's method for y with y^2 = a, stopped when the update is small; the loss reads the root.
    /// The gradient goes through the iterations that ran (not the implicit-function derivative).
    /// </summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double NewtonSqrt(double a, double w)
    {
        double y = a;
        double step = 1;
        while (Math.Abs(step) > 1e-3)
        {
            step = (y * y - a) / (2 * y);
            y = y - step;
        }

        return w * y + y * y * y;
    }

    /// <summary>Newton's method for x = cos(k x) in a for loop with a break at convergence.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double FixedPoint(double k, double x0)
    {
        double x = x0;
        for (int i = 0; i < 50; i++)
        {
            double f = x - Math.Cos(k * x);
            if (Math.Abs(f) < 1e-4)
            {
                break;
            }

            x = x - f / (1 + k * Math.Sin(k * x));
        }

        return x * x;
    }

    /// <summary>Bisection on [lo, hi] for the root of t^3 - 2: the result is a combination of lo and hi.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Bisection(double lo, double hi)
    {
        while (hi - lo > 1e-3)
        {
            double mid = 0.5 * (lo + hi);
            if (mid * mid * mid - 2 > 0)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    /// <summary>Returns at the first element over the threshold: its square times the scale.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double FirstOver(double[] a, double threshold, double scale)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] > threshold)
            {
                return scale * a[i] * a[i];
            }
        }

        return scale;
    }

    /// <summary>An exponential smoothing that stops early once the state leaves a band.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double EarlyStoppedRecurrence(double alpha, double[] u)
    {
        double h = 0;
        int t = 0;
        while (t < u.Length)
        {
            h = Math.Tanh(alpha * h + u[t]);
            if (h > 0.6)
            {
                break;
            }

            t++;
        }

        return h * h + t;
    }

    /// <summary>continue skips the negative elements.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SumOfPositiveLogs(double[] a, double x)
    {
        double s = 0;
        foreach (double v in a)
        {
            if (v <= 0)
            {
                continue;
            }

            s += Math.Log(1 + v * x);
        }

        return s;
    }

    /// <summary>continue inside a recurrence (taped, not fused).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double RecurrenceSkippingSmall(double w, double[] u)
    {
        double h = 0.5;
        for (int i = 0; i < u.Length; i++)
        {
            if (Math.Abs(u[i]) < 0.2)
            {
                continue;
            }

            h = Math.Sin(w * h + u[i]);
        }

        return h;
    }

    /// <summary>Every second element, counting up.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double EvenProduct(double[] a)
    {
        double p = 1;
        for (int i = 0; i < a.Length; i += 2)
        {
            p *= a[i] + 2;
        }

        return p;
    }

    /// <summary>Every third element from the end, counting down.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double EveryThirdFromEnd(double[] a, double x)
    {
        double s = 0;
        for (int i = a.Length - 1; i >= 0; i -= 3)
        {
            s = Math.Sin(s * x + a[i]);
        }

        return s;
    }

    /// <summary>A fused strided sum.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double StridedSquares(double[] a)
    {
        double s = 0;
        for (int i = 1; i <= a.Length - 1; i += 2)
        {
            s += a[i] * a[i];
        }

        return s;
    }

    /// <summary>A != condition stepping by one (throws when n is below 0).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double NotEqualLoop(double[] a, int n)
    {
        double s = 0;
        for (int i = 0; i != n; i++)
        {
            s = s * 0.5 + a[i] * a[i];
        }

        return s;
    }

    /// <summary>A != condition stepping by two (throws when n is odd).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double NotEqualStrided(double[] a, int n)
    {
        double s = 0;
        for (int i = n; i != 0; i -= 2)
        {
            s = s * a[i - 1] + 1;
        }

        return s;
    }

    /// <summary>Nested loops with a break in the inner one only.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double NestedBreak(double[] a, double x)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double row = 0;
            for (int j = i; j < a.Length; j++)
            {
                row += a[j] * x;
                if (row > 1)
                {
                    break;
                }
            }

            s = s * 0.9 + Math.Sin(row);
        }

        return s;
    }

    /// <summary>A return from the inner of two loops.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ReturnFromInner(double[] a, double x)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            for (int j = 0; j < a.Length; j++)
            {
                s += a[i] * a[j] * x;
                if (s > 2)
                {
                    return s * s;
                }
            }
        }

        return -s;
    }

    /// <summary>A do loop: halves until below one, always at least once.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double HalveUntilSmall(double x, double c)
    {
        double y = x;
        int n = 0;
        do
        {
            y = y * 0.5 + c;
            n++;
        }
        while (y > 1 && n < 100);

        return y * n;
    }

    /// <summary>A for loop whose condition ends with a data-dependent test.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double GrowWhileSmall(double[] a, double x)
    {
        double s = 0;
        for (int i = 0; i < a.Length && s < 3; i++)
        {
            s += Math.Exp(a[i] * x);
        }

        return s;
    }

    /// <summary>A while loop whose condition needs a conditional expression (evaluated inside the body).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double WhileWithConditionalCondition(double x, double limit)
    {
        double y = x;
        int k = 0;
        while ((k < 3 ? y : 2 * y) < limit)
        {
            y = y * 1.5 + 0.1;
            k++;
        }

        return y;
    }

    /// <summary>Break and continue in the same loop, on some paths only.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double BreakAndContinue(double[] a, double x)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double v = a[i] * x;
            if (v < -0.5)
            {
                continue;
            }
            else if (v > 0.8)
            {
                s += v;
                break;
            }

            s = s * 0.5 + v * v;
        }

        return s;
    }

    /// <summary>
    /// A running sum copied into another carried variable: not an accumulator whose adjoint is the same
    /// in every iteration (the copy reaches the result without going through the sum's back edge).
    /// </summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double AccumulatorCopied(double[] a)
    {
        double s = 0;
        double last = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i];
            last = s;
        }

        return last * last + s;
    }

    /// <summary>Every k-th element, with a while loop (the fix SYMGRAD0017's page suggests for a variable step).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double EveryKth(double[] a, int k)
    {
        double s = 0;
        int i = 0;
        while (i < a.Length)
        {
            s = s * 0.5 + a[i] * a[i];
            i += k;
        }

        return s;
    }

    /// <summary>Elements at the powers of two.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double PowersOfTwo(double[] a)
    {
        double s = 0;
        int i = 1;
        while (i < a.Length)
        {
            s += Math.Sin(a[i]);
            i *= 2;
        }

        return s;
    }

    /// <summary>A local first assigned inside a do loop and read by its condition and after it.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double AssignedInsideDo(double x)
    {
        double v;
        int n = 0;
        do
        {
            v = Math.Sin(x * n) + 0.5 * x;
            n++;
        }
        while (v < 1 && n < 20);

        return v * v;
    }

    /// <summary>while (true) left by a break after the local is assigned.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double AssignedBeforeBreak(double x)
    {
        double v;
        double y = x;
        while (true)
        {
            y = y * 1.3 + 0.1;
            v = y * y;
            if (v > 10)
            {
                break;
            }
        }

        return v + y;
    }

    /// <summary>Two sums over one array, the first stopped by a break: its derivative loop runs in the reverse sweep, up to where it stopped.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double TwoSumsOneStopped(double[] a, double x)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i] > 0.5)
            {
                break;
            }

            s += a[i] * x;
        }

        double t = 0;
        for (int i = 0; i < a.Length; i++)
        {
            t += Math.Sin(a[i]);
        }

        double r = 0;
        for (int i = 0; i < a.Length && r < 0.8; i += 2)
        {
            r += a[i] * a[i] * x;
        }

        return s * t + r * r;
    }

    /// <summary>A stopped sum whose terms' derivatives need nothing of the iteration: its derivative loop runs in the reverse sweep, over the iterations that ran.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double StoppedSineSum(double[] a)
    {
        double s = 0;
        for (int i = 0; i < a.Length && s < 1.2; i++)
        {
            s += Math.Sin(a[i]);
        }

        double t = 0;
        for (int i = 0; i < a.Length; i++)
        {
            t += a[i] * a[i];
        }

        return s * t;
    }

    /// <summary>Newton's method for the root of x^3 + c x - d, returning from inside for (;;) once converged.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double NewtonReturnsFromForever(double c, double d)
    {
        double x = 1;
        int n = 0;
        for (;;)
        {
            double f = x * x * x + c * x - d;
            if (Math.Abs(f) < 1e-9 || n == 60)
            {
                return x * d;
            }

            x -= f / (3 * x * x + c);
            n++;
        }
    }

    /// <summary>A while loop inside a branch: where it stopped is declared before the branch.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double WhileInsideABranch(double x, double y)
    {
        double s = y;
        if (x > 0)
        {
            while (s < 5)
            {
                s = s * (1 + x) + 0.5;
            }
        }
        else
        {
            s = s * x;
        }

        return s;
    }
}
