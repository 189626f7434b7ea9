using SymGrad;

namespace SymGrad.Samples.Models;

/// <summary>The perceptron of the notes with a sigmoid output: h = sigmoid(theta0 + theta1 x1 + theta2 x2).</summary>
public static partial class LogisticUnit
{
    /// <summary>The discriminant g = theta^T x with the bias first (x0 = 1).</summary>
    public static double Discriminant(double theta0, double theta1, double theta2, double x1, double x2) =>
        theta0 + theta1 * x1 + theta2 * x2;

    /// <summary>The logistic unit's output; SymGrad generates <c>OutputGradient</c>.</summary>
    [Differentiable]
    public static double Output(double theta0, double theta1, double theta2, [NoDerivative] double x1, [NoDerivative] double x2) =>
        SymMath.Sigmoid(theta0 + theta1 * x1 + theta2 * x2);
}
