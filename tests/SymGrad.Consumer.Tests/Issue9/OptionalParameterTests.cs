using System;
using System.Linq;
using Xunit;
using M = SymGrad.Consumer.Tests.Issue9.OptionalParameterModels;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>Each call shape's gradient returns the value of the same call and matches finite differences.</summary>
public class OptionalParameterTests
{
    [Theory]
    [InlineData(0.4)]
    [InlineData(-1.2)]
    public void Scaled(double x)
    {
        double value = M.ScaledGradient(x, out double dx, out double dy);
        FiniteDifferences.CheckAt(p => M.Scaled(p[0], p[1]), new[] { x, 2.5 }, new[] { dx, dy }, value);
        Assert.Equal(M.Scaled(x), value);

        value = M.ScaledGradient(x, 0.7, out dx, out dy);
        FiniteDifferences.CheckAt(p => M.Scaled(p[0], p[1]), new[] { x, 0.7 }, new[] { dx, dy }, value);

        value = M.ScaledGradient(x, 0.7, 5, out dx, out dy);
        FiniteDifferences.CheckAt(p => M.Scaled(p[0], p[1], 5), new[] { x, 0.7 }, new[] { dx, dy }, value);
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(-0.9)]
    public void Flagged(double x)
    {
        double value = M.FlaggedGradient(x, out double dx, out double dpower);
        Assert.Equal(M.Flagged(x), value);
        FiniteDifferences.CheckAt(p => M.Flagged(p[0], true, -0.25, p[1]), new[] { x, 1.5 }, new[] { dx, dpower }, value);

        value = M.FlaggedGradient(x, false, out dx, out dpower);
        Assert.Equal(M.Flagged(x, false), value);
        FiniteDifferences.CheckAt(p => M.Flagged(p[0], false, -0.25, p[1]), new[] { x, 1.5 }, new[] { dx, dpower }, value);

        value = M.FlaggedGradient(x, false, 0.5, out dx, out dpower);
        FiniteDifferences.CheckAt(p => M.Flagged(p[0], false, 0.5, p[1]), new[] { x, 1.5 }, new[] { dx, dpower }, value);
    }

    [Fact]
    public void WithOptionalWeights()
    {
        double[] a = { 0.3, -0.7, 0.5 };
        double[] da = new double[a.Length];
        double value = M.WithOptionalWeightsGradient(a, 0.8, da, out double dx, out double dbias);
        Assert.Equal(M.WithOptionalWeights(a, 0.8), value);
        FiniteDifferences.CheckAt(p => M.WithOptionalWeights(p.Take(3).ToArray(), p[3], null, p[4]), a.Append(0.8).Append(1e-3).ToArray(), da.Append(dx).Append(dbias).ToArray(), value);

        double[] w = { 2.0, -1.0, 0.5 };
        value = M.WithOptionalWeightsGradient(a, 0.8, w, da, out dx, out dbias);
        Assert.Equal(M.WithOptionalWeights(a, 0.8), value);
        Assert.Equal(M.WithOptionalWeights(a, 0.8, w), value);
        FiniteDifferences.CheckAt(p => M.WithOptionalWeights(p.Take(3).ToArray(), p[3], w, p[4]), a.Append(0.8).Append(1e-3).ToArray(), da.Append(dx).Append(dbias).ToArray(), value);
    }

    [Fact]
    public void SpecialDefaults()
    {
        double value = M.SpecialDefaultsGradient(0.3, out double dx, out _, out _, out _);
        Assert.Equal(M.SpecialDefaults(0.3), value);
        FiniteDifferences.CheckAt(p => M.SpecialDefaults(p[0]), new[] { 0.3 }, new[] { dx }, value);
    }
}
