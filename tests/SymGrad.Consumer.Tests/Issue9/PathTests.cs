using System;
using System.Linq;
using Xunit;
using M = SymGrad.Consumer.Tests.Issue9.PathModels;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>Finite-difference and exact checks of <see cref="PathModels"/>.</summary>
public class PathTests
{
    private static readonly double[] A = { 0.3, -0.7, 0.9 };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void AndGuardsIndex(int k)
    {
        double[] da = new double[A.Length];
        double value = M.AndGuardsIndexGradient(A, k, da);
        FiniteDifferences.CheckAt(p => M.AndGuardsIndex(p, k), A, da, value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void OrGuardsIndex(int k)
    {
        double[] da = new double[A.Length];
        double value = M.OrGuardsIndexGradient(A, k, da);
        FiniteDifferences.CheckAt(p => M.OrGuardsIndex(p, k), A, da, value);
    }

    [Theory]
    [InlineData(-1, 0.2)]
    [InlineData(0, 0.2)]
    [InlineData(2, -0.4)]
    [InlineData(2, 2.0)]
    public void AndChainInIf(int k, double x)
    {
        double[] da = new double[A.Length];
        double value = M.AndChainInIfGradient(A, k, x, da, out double dx);
        FiniteDifferences.CheckAt(p => M.AndChainInIf(p.Take(3).ToArray(), k, p[3]), A.Append(x).ToArray(), da.Append(dx).ToArray(), value);
    }

    [Fact]
    public void AndChainInIfThrowsWhereTheMethodThrows()
    {
        // k = 3: the second operand is 0.0 > -1, so C# goes on to read a[3] in the third.
        var da = new double[A.Length];
        Assert.Throws<IndexOutOfRangeException>(() => M.AndChainInIf(A, 3, 0.2));
        Assert.Throws<IndexOutOfRangeException>(() => M.AndChainInIfGradient(A, 3, 0.2, da, out _));
    }

    [Fact]
    public void ElementReadBeforeConditionalThrowsLikeTheMethod()
    {
        var da = new double[A.Length];
        Assert.Throws<IndexOutOfRangeException>(() => M.ElementReadBeforeConditional(A, 5, 1.0));
        Assert.Throws<IndexOutOfRangeException>(() => M.ElementReadBeforeConditionalGradient(A, 5, 1.0, da, out _));
        foreach (double x in new[] { 0.7, -0.3 })
        {
            double value = M.ElementReadBeforeConditionalGradient(A, 1, x, da, out double dx);
            FiniteDifferences.CheckAt(p => M.ElementReadBeforeConditional(p.Take(3).ToArray(), 1, p[3]), A.Append(x).ToArray(), da.Append(dx).ToArray(), value);
        }
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-1e-300)]
    [InlineData(0.0)]
    [InlineData(2.0)]
    public void SqrtUnusedWhenNegative(double x)
    {
        double value = M.SqrtUnusedWhenNegativeGradient(x, out double dx);
        Assert.Equal(M.SqrtUnusedWhenNegative(x), value);
        Assert.Equal(x > 0 ? 0.5 / Math.Sqrt(x) : 0.0, dx);
    }

    [Fact]
    public void LogSumUnusedUnlessAsked()
    {
        double[] w = { 2, 0 };
        double[] dw = new double[2];
        double value = M.LogSumUnusedUnlessAskedGradient(w, false, dw);
        Assert.Equal(2.0, value);
        Assert.Equal(new[] { 1.0, 0.0 }, dw);

        double[] positive = { 2, 0.5, 3 };
        dw = new double[3];
        value = M.LogSumUnusedUnlessAskedGradient(positive, true, dw);
        FiniteDifferences.CheckAt(p => M.LogSumUnusedUnlessAsked(p, true), positive, dw, value);
        value = M.LogSumUnusedUnlessAskedGradient(positive, false, dw);
        FiniteDifferences.CheckAt(p => M.LogSumUnusedUnlessAsked(p, false), positive, dw, value);
    }

    [Theory]
    [InlineData(new[] { 0.5, -1.0, 0.0, 2.0 }, 1.5)]
    [InlineData(new[] { -0.5, -1.0 }, -2.0)]
    [InlineData(new[] { 0.25, 4.0 }, 0.5)]
    public void SqrtUsedOnPositiveElements(double[] w, double y)
    {
        double[] dw = new double[w.Length];
        double value = M.SqrtUsedOnPositiveElementsGradient(w, y, dw, out double dy);
        Assert.Equal(M.SqrtUsedOnPositiveElements(w, y), value);
        for (int i = 0; i < w.Length; i++)
        {
            Assert.Equal(w[i] > 0 ? y * 0.5 / Math.Sqrt(w[i]) : 0.0, dw[i], 12);
        }

        Assert.Equal(w.Where(v => v > 0).Sum(Math.Sqrt), dy, 12);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 0.0)]
    [InlineData(1.0, -2.0)]
    [InlineData(0.0, -1.0)]
    public void SingularThroughProductsOnTheOtherPath(double x, double y)
    {
        double value = M.SingularThroughProductsGradient(x, y, out double dx, out double dy);
        Assert.Equal(x + y, value);
        Assert.Equal(1.0, dx);
        Assert.Equal(1.0, dy);
    }

    [Theory]
    [InlineData(0.8, 1.3)]
    [InlineData(-2.0, 0.4)]
    public void SingularThroughProductsWhereSmooth(double x, double y)
    {
        double value = M.SingularThroughProductsGradient(x, y, out double dx, out double dy);
        FiniteDifferences.CheckAt(p => M.SingularThroughProducts(p[0], p[1]), new[] { x, y }, new[] { dx, dy }, value);
    }

    [Fact]
    public void SingularInZeroTripLoop()
    {
        double[] none = Array.Empty<double>();
        double value = M.SingularInZeroTripLoopGradient(none, -1.0, Span<double>.Empty, out double dx);
        Assert.Equal(0.0, value);
        Assert.Equal(0.0, dx);

        double[] da = new double[A.Length];
        value = M.SingularInZeroTripLoopGradient(A, 1.7, da, out dx);
        FiniteDifferences.CheckAt(p => M.SingularInZeroTripLoop(p.Take(3).ToArray(), p[3]), A.Append(1.7).ToArray(), da.Append(dx).ToArray(), value);
    }

    [Fact]
    public void EagerAndReadsBothSidesLikeTheMethod()
    {
        var da = new double[A.Length];
        Assert.Throws<IndexOutOfRangeException>(() => M.EagerAndReadsBothSides(A, 5, 0.4));
        Assert.Throws<IndexOutOfRangeException>(() => M.EagerAndReadsBothSidesGradient(A, 5, 0.4, da, out _));
        foreach (int k in new[] { 0, 1, 2 })
        {
            double value = M.EagerAndReadsBothSidesGradient(A, k, 0.4, da, out double dx);
            FiniteDifferences.CheckAt(p => M.EagerAndReadsBothSides(p.Take(3).ToArray(), k, p[3]), A.Append(0.4).ToArray(), da.Append(dx).ToArray(), value);
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(2, 0)]
    public void NamedArgumentsInSourceOrder(int j, int k)
    {
        double[] da = new double[A.Length];
        double value = M.NamedArgumentsInSourceOrderGradient(A, j, k, da);
        FiniteDifferences.CheckAt(p => M.NamedArgumentsInSourceOrder(p, j, k), A, da, value);
    }

    [Fact]
    public void NamedArgumentsThrowWhereTheMethodThrows()
    {
        // An index out of range in either argument: the gradient throws as the method does.
        var da = new double[A.Length];
        Assert.Throws<IndexOutOfRangeException>(() => M.NamedArgumentsInSourceOrder(A, 5, 1));
        Assert.Throws<IndexOutOfRangeException>(() => M.NamedArgumentsInSourceOrderGradient(A, 5, 1, da));
        Assert.Throws<IndexOutOfRangeException>(() => M.NamedArgumentsInSourceOrder(A, 1, 7));
        Assert.Throws<IndexOutOfRangeException>(() => M.NamedArgumentsInSourceOrderGradient(A, 1, 7, da));
    }

    [Fact]
    public void SavedSumUnusedUnlessAsked()
    {
        double[] w = { 0.0, 2.0, -1.0 };
        double[] dw = new double[3];
        double value = M.SavedSumUnusedUnlessAskedGradient(w, 0.5, false, dw, out double dx);
        Assert.Equal(0.25, value);
        Assert.Equal(new[] { 0.0, 0.0, 0.0 }, dw);
        Assert.Equal(1.0, dx);

        double[] positive = { 0.5, 2.0, 1.5 };
        dw = new double[3];
        value = M.SavedSumUnusedUnlessAskedGradient(positive, 0.5, true, dw, out dx);
        FiniteDifferences.CheckAt(p => M.SavedSumUnusedUnlessAsked(p.Take(3).ToArray(), p[3], true), positive.Append(0.5).ToArray(), dw.Append(dx).ToArray(), value);
    }
}
