using System;
using System.Linq;
using Xunit;
using M = SymGrad.Consumer.Tests.Issue9.ElementIncrementModels;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>Finite-difference checks of <see cref="ElementIncrementModels"/>.</summary>
public class ElementIncrementTests
{
    private static readonly double[] A = { 0.3, -0.7, 0.5, 0.9, -0.2 };

    private delegate double ArrayGradient(double[] a, double x, Span<double> da, out double dx);

    [Theory]
    [InlineData(0.6)]
    [InlineData(-1.4)]
    public void IncrementThenSquare(double x) => Check(M.IncrementThenSquare, M.IncrementThenSquareGradient, x);

    [Theory]
    [InlineData(0.6)]
    [InlineData(-1.4)]
    public void DecrementInBranches(double x) => Check(M.DecrementInBranches, M.DecrementInBranchesGradient, x);

    private static void Check(Func<double[], double, double> f, ArrayGradient gradient, double x)
    {
        double[] da = new double[A.Length];
        double value = gradient(A, x, da, out double dx);
        Assert.Equal(f(A, x), value);
        GradientCheckReport report = GradientCheck.Compare(p => f(p.Take(5).ToArray(), p[5]), A.Append(x).ToArray(), da.Append(dx).ToArray());
        Assert.True(report.Passed, report.ToString());
    }
}
