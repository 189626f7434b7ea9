using System;
using SymGrad;

namespace SymGrad.Consumer.Tests;

public static partial class ScalarModels
{
    [Differentiable]
    public static double Product(double x, [NoDerivative] double c, double y) => c * x * y + Math.Sin(x);

    [Differentiable]
    public static double SoftplusChain(double x, double y) => Math.Log(1 + Math.Exp(x * y));

    [Differentiable]
    public static double Branchy(double x, double y)
    {
        double a = x * y;
        if (a > 1.0)
        {
            return Math.Log(a);
        }

        double b = a < -1.0 ? Math.Exp(a) : a * a;
        b += SymMath.Sigmoid(x);
        return b * y;
    }
}
