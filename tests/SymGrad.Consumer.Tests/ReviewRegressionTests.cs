using System;
using System.Linq;
using Xunit;
using M = SymGrad.Consumer.Tests.ReviewRegressionModels;

namespace SymGrad.Consumer.Tests;

/// <summary>Finite-difference checks of the shapes in <see cref="ReviewRegressionModels"/>.</summary>
public class ReviewRegressionTests
{
    private static readonly double[] A = { 0.3, -0.7, 0.5, 0.9, -0.2 };
    private const double X = 0.6;

    [Fact]
    public void ReadAfterRewritingLoop()
    {
        double[] da = new double[A.Length];
        double value = M.ReadAfterRewritingLoopGradient(A, X, da, out double dx);
        FiniteDifferences.CheckAt(p => M.ReadAfterRewritingLoop(p.Take(5).ToArray(), p[5]), A.Append(X).ToArray(), da.Append(dx).ToArray(), value);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    public void ConstantArrayOverwritten(double sign)
    {
        double[] b = A.Select(v => sign * v).ToArray();
        double[] da = new double[A.Length];
        double value = M.ConstantArrayOverwrittenGradient(A, X, b, da, out double dx);
        FiniteDifferences.CheckAt(p => M.ConstantArrayOverwritten(p.Take(5).ToArray(), p[5], b), A.Append(X).ToArray(), da.Append(dx).ToArray(), value);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    public void SameNameInSiblingScopes(double sign)
    {
        double[] b = A.Select(v => sign * v).ToArray();
        double[] da = new double[A.Length];
        double value = M.SameNameInSiblingScopesGradient(A, X, b, da, out double dx);
        FiniteDifferences.CheckAt(p => M.SameNameInSiblingScopes(p.Take(5).ToArray(), p[5], b), A.Append(X).ToArray(), da.Append(dx).ToArray(), value);
    }
}
