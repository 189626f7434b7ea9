using SymGrad;

namespace SymGrad.Samples.Models;

/// <summary>The linear discriminant g(x1, x2) = theta0 + theta1 x1 + theta2 x2 as a function of the point.</summary>
public static partial class PlaneDiscriminant
{
    /// <summary>g at (x1, x2); its generated gradient with respect to the point is the normal (theta1, theta2).</summary>
    [Differentiable]
    public static double Value(double x1, double x2, [NoDerivative] double theta0, [NoDerivative] double theta1, [NoDerivative] double theta2) =>
        theta0 + theta1 * x1 + theta2 * x2;
}
