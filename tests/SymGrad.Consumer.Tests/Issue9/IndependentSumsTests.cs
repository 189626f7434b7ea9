using System;
using System.Linq;
using Xunit;
using M = SymGrad.Consumer.Tests.Issue9.IndependentSumsModels;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>Finite-difference checks of <see cref="IndependentSumsModels"/>.</summary>
public class IndependentSumsTests
{
    private static readonly double[] A = { 0.3, -0.7, 0.5, 0.9, -0.2 };

    [Theory]
    [InlineData(0.6)]
    [InlineData(-1.1)]
    public void FiveSums(double x)
    {
        double[] da = new double[A.Length];
        double value = M.FiveSumsGradient(A, x, da, out double dx);
        FiniteDifferences.CheckAt(p => M.FiveSums(p.Take(5).ToArray(), p[5]), A.Append(x).ToArray(), da.Append(dx).ToArray(), value);
    }

    [Theory]
    [InlineData(0.6, 5)]
    [InlineData(-1.1, 3)]
    [InlineData(0.4, 1)]
    public void LastSumScaledAfterElementReads(double x, int n)
    {
        double[] da = new double[A.Length];
        double value = M.LastSumScaledAfterElementReadsGradient(A, x, n, da, out double dx);
        FiniteDifferences.CheckAt(p => M.LastSumScaledAfterElementReads(p.Take(5).ToArray(), p[5], n), A.Append(x).ToArray(), da.Append(dx).ToArray(), value);
    }

    [Theory]
    [InlineData(0.6)]
    [InlineData(-1.1)]
    public void SumsOverARewrittenLocalArray(double x)
    {
        double[] b = { 1.5, -0.5, 2.0, 0.25, -1.0 };
        double[] da = new double[A.Length];
        double value = M.SumsOverARewrittenLocalArrayGradient(A, x, b, da, out double dx);
        FiniteDifferences.CheckAt(p => M.SumsOverARewrittenLocalArray(p.Take(5).ToArray(), p[5], b), A.Append(x).ToArray(), da.Append(dx).ToArray(), value);
    }
}
