using System;
using SymGrad;

namespace SymGrad.Consumer.Tests;

/// <summary>One method per supported function and operator, as a user would write them.</summary>
public static partial class ElementaryModels
{
    [Differentiable(Tangent = true, Hessian = true)] public static double Exp(double x, double y) => Math.Exp(x * y);
    [Differentiable(Tangent = true, Hessian = true)] public static double Log(double x, double y) => Math.Log(x * x + y * y + 0.5);
    [Differentiable(Tangent = true, Hessian = true)] public static double Sqrt(double x, double y) => Math.Sqrt(x * x + 2.0 * y * y + 0.1);
    [Differentiable(Tangent = true, Hessian = true)] public static double PowConstant(double x, double y) => Math.Pow(x, 3) - Math.Pow(y, 2) + Math.Pow(x * x + 1.0, 0.5);
    [Differentiable(Tangent = true, Hessian = true)] public static double PowVariable(double x, double y) => Math.Pow(x * x + 1.0, y);
    [Differentiable(Tangent = true, Hessian = true)] public static double Sin(double x, double y) => Math.Sin(x * y + x);
    [Differentiable(Tangent = true, Hessian = true)] public static double Cos(double x, double y) => Math.Cos(x - y) * y;
    [Differentiable(Tangent = true, Hessian = true)] public static double Tan(double x, double y) => Math.Tan(0.3 * x + 0.2 * y);
    [Differentiable(Tangent = true, Hessian = true)] public static double Atan(double x, double y) => Math.Atan(x / (1.0 + y * y));
    [Differentiable(Tangent = true, Hessian = true)] public static double Sinh(double x, double y) => Math.Sinh(x) + y;
    [Differentiable(Tangent = true, Hessian = true)] public static double Cosh(double x, double y) => Math.Cosh(x * y);
    [Differentiable(Tangent = true, Hessian = true)] public static double Tanh(double x, double y) => Math.Tanh(x + 2.0 * y);
    [Differentiable(Tangent = true, Hessian = true)] public static double Abs(double x, double y) => Math.Abs(x - y) * x;
    [Differentiable(Tangent = true, Hessian = true)] public static double Max(double x, double y) => Math.Max(x, y) * Math.Max(x, 0.5);
    [Differentiable(Tangent = true, Hessian = true)] public static double Min(double x, double y) => Math.Min(x * y, y);
    [Differentiable(Tangent = true, Hessian = true)] public static double Sigmoid(double x, double y) => SymMath.Sigmoid(x * y - 1.0);
    [Differentiable(Tangent = true, Hessian = true)] public static double Softplus(double x, double y) => SymMath.Softplus(x - y * 3.0);
    [Differentiable(Tangent = true, Hessian = true)] public static double Relu(double x, double y) => SymMath.Relu(x + y) * y;
    [Differentiable(Tangent = true, Hessian = true)] public static double Arithmetic(double x, double y) => -x / (y * y + 1.0) + (x - y) * 3.0 - -y;

    [Differentiable(Tangent = true, Hessian = true)]
    public static double Reassignment(double x, double y)
    {
        double s = x;
        s += y;
        s *= x;
        s -= 2.0;
        s /= y * y + 1.0;
        s = s * s + x;
        return s;
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double ParameterReassigned(double x, double y)
    {
        x = x * y;
        y = Math.Sin(x) + y;
        return x * y;
    }

    [Differentiable(Tangent = true, Hessian = true)]
    public static double WithConstants(double x, [NoDerivative] double c, int n, double y)
    {
        const double Half = 0.5;
        double scaled = x * n + c * y;
        return Half * scaled * scaled + Math.PI * y;
    }
}
