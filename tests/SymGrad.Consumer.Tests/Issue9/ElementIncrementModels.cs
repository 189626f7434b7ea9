using System;
using SymGrad;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>
/// Issue 9, item 12: <c>t[i]++</c> and <c>t[i]--</c> on a local array are supported (the docs said
/// SYMGRAD0016); their gradients are checked here.
/// </summary>
public static partial class ElementIncrementModels
{
    [Differentiable(Tangent = true, Hessian = true)]
    public static double IncrementThenSquare(double[] a, double x)
    {
        double[] t = new double[a.Length];
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            t[i] = a[i] * x;
            t[i]++;
            s += t[i] * t[i];
        }

        return s;
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double DecrementInBranches(double[] a, double x)
    {
        double[] t = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            t[i] = Math.Sin(a[i] + x);
            if (a[i] > 0)
            {
                t[i]--;
            }
            else
            {
                ++t[i];
            }
        }

        double p = 1;
        for (int i = 0; i < a.Length; i++)
        {
            p *= t[i];
        }

        return p;
    }
}
