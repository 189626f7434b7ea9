using System;

namespace SymGrad.Consumer.Tests.Extremes;

/// <summary>
/// Every <c>SymMath</c> function as a differentiable method, and binary cross-entropy written both
/// naively (log of a sigmoid probability, which rounds to 0 or 1 for large logits) and in the stable
/// form users should write (softplus(z) - y z, as the seed models do).
/// </summary>
public static partial class ExtremeModels
{
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Sigmoid(double x) => SymMath.Sigmoid(x);

    [Differentiable(Tangent = true, Hessian = true)]
    public static double Softplus(double x) => SymMath.Softplus(x);

    [Differentiable(Tangent = true, Hessian = true)]
    public static double Relu(double x) => SymMath.Relu(x);

    [Differentiable(Tangent = true, Hessian = true)]
    public static double LogSumExp(double[] z) => SymMath.LogSumExp(z);

    [Differentiable(Tangent = true, Hessian = true)]
    public static double LogSoftmax(double[] z, int k) => SymMath.LogSoftmax(z, k);

    /// <summary>softmax(z) . w: the gradient runs through every softmax output.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SoftmaxWeighted(double[] z, [NoDerivative] double[] w)
    {
        double[] p = new double[z.Length];
        SymMath.Softmax(z, p);
        return SymMath.Dot(p, w);
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double Dot(double[] a, double[] b) => SymMath.Dot(a, b);

    /// <summary>-(y log p + (1 - y) log(1 - p)) with p = sigmoid(z): p rounds to 1 for z above about 37 and underflows to 0 below about -745 (and at z = -745, where p is the smallest subnormal, y / p overflows, so the value is finite but the chain rule's gradient is not).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double NaiveBinaryCrossEntropy(double z, [NoDerivative] double y)
    {
        double p = SymMath.Sigmoid(z);
        return -(y * Math.Log(p) + (1 - y) * Math.Log(1 - p));
    }

    /// <summary>The same loss as softplus(z) - y z: finite for every finite z, with derivative sigmoid(z) - y.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double StableBinaryCrossEntropy(double z, [NoDerivative] double y) => SymMath.Softplus(z) - y * z;

    /// <summary>max(log x, -5) + x: at x = 0 the max takes -5, so the log's infinite partial must not reach the gradient (0 * Inf).</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double MaxOfLog(double x) => Math.Max(Math.Log(x), -5.0) + x;

    /// <summary>min(x, 2 atan(cosh x)) + x: for large x the min takes the atan, whose argument overflows to Inf; its derivative rounds to 0 there, and the gradient is 1, not 0 * Inf.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double MinOfSaturated(double x) => Math.Min(x, 2.0 * Math.Atan(Math.Cosh(x))) + x;

    /// <summary>max(log x, -5) y: at y = 0 the log's adjoint is 0 by value, not by path; its tangent along y is not.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double MaxOfLogTimes(double x, double y) => Math.Max(Math.Log(x), -5.0) * y;

    /// <summary>max(sum of squares, 1) y: a fused sum whose adjoint is 0 by value at y = 0.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double MaxOfSquaresTimes(double[] x, double y)
    {
        double s = 0;
        for (int i = 0; i < x.Length; i++)
        {
            s += x[i] * x[i];
        }

        return Math.Max(s, 1.0) * y;
    }

    // Saturating functions whose argument overflows while their value stays finite (docs/second-order.md,
    // "Saturation: strong zeros"): the derivative is 0 there, in reverse and in forward mode.

    /// <summary>atan(cosh(cosh x)): cosh(cosh x) overflows above x of about 7.26, and the atan is pi / 2.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double AtanOfCoshCosh(double x) => Math.Atan(Math.Cosh(Math.Cosh(x)));

    /// <summary>tanh(exp x): exp overflows above x of about 709.8, and the tanh is 1.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double TanhOfExp(double x) => Math.Tanh(Math.Exp(x));

    /// <summary>sigmoid(exp x): 1 where exp x overflows.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SigmoidOfExp(double x) => SymMath.Sigmoid(Math.Exp(x));

    /// <summary>softplus(-exp x): 0 where exp x overflows.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double SoftplusOfMinusExp(double x) => SymMath.Softplus(-Math.Exp(x));

    /// <summary>exp(-exp x): 0 where exp x overflows.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ExpOfMinusExp(double x) => Math.Exp(-Math.Exp(x));

    /// <summary>The logistic function written by hand, 1 / (1 + exp(-x)): exp(-x) overflows below x of about -709.8, and the value is 0.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double HandWrittenLogistic(double x) => 1.0 / (1.0 + Math.Exp(-x));

    /// <summary>(exp x)^-2: 0 where exp x overflows.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double PowerOfExp(double x) => Math.Pow(Math.Exp(x), -2.0);

    /// <summary>A clamped exp of a quotient: at s = 0 the quotient is infinite, the min takes 30, and the derivative is 0 (the side not taken), though the exp's adjoint came through a saturating quotient.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double ClampedExpRatio(double a, double s)
    {
        double z = a / s;
        double p = Math.Exp(Math.Min(z, 30.0));
        return p / (1.0 + p);
    }

    /// <summary>atan(exp(min(1 / w^2, 5))): at w = 0 the min takes 5, so every derivative is 0.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double AtanOfClampedExp(double w)
    {
        double x = 1.0 / (w * w);
        double c = Math.Exp(Math.Min(x, 5.0));
        return Math.Atan(c);
    }

    /// <summary>a / b: its tangent keeps the quotient rule's own arithmetic, ta / b - tb a / b^2, at tiny and huge b.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Quotient(double a, double b) => a / b;

    /// <summary>a / b with b data: the tangent is ta / b, finite where b is subnormal.</summary>
    [Differentiable(Tangent = true)]
    public static double QuotientByData(double a, [NoDerivative] double b) => a / b;

    /// <summary>0.5^(a / s) as a probability: at s = 0 the power is 0, and its exponent's partial (a select with a 0 arm) makes the derivative 0.</summary>
    [Differentiable(Tangent = true)]
    public static double PowerOfRatio(double a, double s)
    {
        double z = a / s;
        double p = Math.Pow(0.5, z);
        return p / (1.0 + p);
    }

    /// <summary>a^b with both differentiated: near the largest double its partial b a^(b - 1) overflows while the tangent does not.</summary>
    [Differentiable(Tangent = true, Hessian = true)]
    public static double Power(double a, double b) => Math.Pow(a, b);
}
