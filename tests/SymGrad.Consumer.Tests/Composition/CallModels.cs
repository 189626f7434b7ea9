using System;
using SymGrad;
using SymGrad.Models;

namespace SymGrad.Consumer.Tests.Composition;

/// <summary>
/// Calls between [Differentiable(Tangent = true, Hessian = true)] methods (issue 10): scalar and array arguments, calls in loops and
/// branches, three levels deep, one callee twice with different arguments, a callee in another partial
/// type and one in a referenced assembly (SymGrad.Models), [NoDerivative] and integer parameters, and
/// calls whose arguments carry no derivative.
/// </summary>
public static partial class CallModels
{
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Square(double a) => a * a;

    [Differentiable(Tangent = true, Hessian = true)]
    public static double Unit(double[] w, double x, int j) => SymMath.Sigmoid(w[j] * x + w[j + 1]);

    [Differentiable(Tangent = true, Hessian = true)]
    public static double ScaledByConstant(double a, [NoDerivative] double c) => c * Math.Exp(a);

    /// <summary>A scalar callee used twice with different arguments, and inside an expression.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double TwoSquares(double x, double y) => Square(x - y) + 3 * Square(x * y + 1);

    /// <summary>An array callee called in a loop (a fused sum).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double LayerSum(double[] w, double x)
    {
        double s = 0;
        for (int j = 0; j < w.Length - 1; j++)
        {
            s += Unit(w, x, j) * (j + 1);
        }

        return s;
    }

    /// <summary>A call in each branch, and one whose result decides the branch.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double InBranches(double x, double y)
    {
        double r;
        if (Square(x) > y)
        {
            r = Square(y) * x;
        }
        else
        {
            r = ScaledByConstant(x + y, 2.5);
        }

        return r + Square(r);
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double Level3(double a, double b) => Math.Sin(a) * b;

    [Differentiable(Tangent = true, Hessian = true)]
    public static double Level2(double a, double b) => Level3(a * b, a) + Level3(b, 1.5);

    /// <summary>Three levels deep: Level1 → Level2 → Level3.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Level1(double x, double y) => Level2(x + y, y) * Level2(y, 0.5);

    /// <summary>A callee in a taped loop (a recurrence): its value feeds the next iteration.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Recurrence(double[] w, double x)
    {
        double h = x;
        for (int t = 0; t < 4; t++)
        {
            h = Unit(w, h, t % 2) + 0.5 * h;
        }

        return h;
    }

    /// <summary>A local array passed to a callee, and a callee in another partial type (OtherCallModels).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double LocalArrayArgument(double[] w, double x)
    {
        double[] z = new double[3];
        for (int i = 0; i < 3; i++)
        {
            z[i] = w[i] * x;
        }

        return OtherCallModels.SumOfSquares(z) + OtherCallModels.SumOfSquares(w);
    }

    /// <summary>Callees from a referenced assembly: the computation-graph gates and a logistic unit of SymGrad.Models.</summary>
    [Differentiable(Tangent = true)]
    public static double ReferencedAssembly(double[] theta, [NoDerivative] double[] x, double y) =>
        Gates.Multiply(Gates.Max(y, theta[0]), Gates.Scale(y, 2.0)) + LogisticUnit.Output(theta, x) * y;

    /// <summary>Calls whose arguments carry no derivative are constants: sizes, indices, [NoDerivative] values.</summary>
    [Differentiable]
    public static double ConstantCalls(double[] w, [NoDerivative] double temperature)
    {
        double s = 0;
        for (int i = 0; i < w.Length; i++)
        {
            s += w[i] * Weight(i, w.Length) / Softness(temperature);
        }

        return s;
    }

    /// <summary>The same array passed twice: one adjoint span cannot be two outputs.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SameArrayTwice(double[] w) => OtherCallModels.Dot(w, w) + OtherCallModels.Dot(w, w) * w[0];

    public static double Weight(int i, int n) => (i + 1.0) / n;

    public static double Softness(double t) => 1.0 + t * t;
}

/// <summary>Callees in another partial type.</summary>
public static partial class OtherCallModels
{
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SumOfSquares(double[] v)
    {
        double s = 0;
        for (int i = 0; i < v.Length; i++)
        {
            s += v[i] * v[i];
        }

        return s;
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }

        return s;
    }
}
