using System;
using SymGrad.Models;
using Xunit;

namespace SymGrad.Consumer.Tests.StudentT;

/// <summary>
/// LogGamma and Digamma against values known in closed form, Digamma against central differences of
/// LogGamma, the [DerivativeOf] method against both, and the domain checks.
/// </summary>
public sealed class SpecialFunctionsTests
{
    private static readonly double LnPi = Math.Log(Math.PI);

    [Fact]
    public void LogGammaOfOneHalfIsHalfLnPi() => AssertClose(0.5 * LnPi, SpecialFunctions.LogGamma(0.5), 1e-14);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(20)]
    [InlineData(100)]
    public void LogGammaOfAnIntegerIsLnFactorial(int n)
    {
        double lnFactorial = 0;
        for (int k = 2; k < n; k++)
        {
            lnFactorial += Math.Log(k);
        }

        // ln Γ(1) = ln Γ(2) = 0 exactly: there only an absolute error means anything.
        AssertClose(lnFactorial, SpecialFunctions.LogGamma(n), n <= 2 ? 1e-15 : 1e-14 * lnFactorial);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.5)]
    [InlineData(4.5)]
    [InlineData(12.5)]
    public void LogGammaFollowsTheRecurrence(double x) =>
        // Γ(x + 1) = x Γ(x), so ln Γ(x + 1) - ln Γ(x) = ln x, checked across the Lanczos sum's range.
        AssertClose(Math.Log(x), SpecialFunctions.LogGamma(x + 1) - SpecialFunctions.LogGamma(x), 1e-14 * Math.Max(1, SpecialFunctions.LogGamma(x + 1)));

    [Fact]
    public void LogGammaOfLargeXFollowsStirling()
    {
        // ln Γ(x) = (x - 1/2) ln x - x + ½ ln 2π + 1/(12x) - 1/(360x³) + O(x⁻⁵)
        double x = 1e4;
        double stirling = ((x - 0.5) * Math.Log(x)) - x + (0.5 * Math.Log(2 * Math.PI)) + (1 / (12 * x)) - (1 / (360 * x * x * x));
        AssertClose(stirling, SpecialFunctions.LogGamma(x), 1e-14 * stirling);
    }

    [Fact]
    public void DigammaOfOneIsMinusEulerGamma() => AssertClose(-0.57721566490153286, SpecialFunctions.Digamma(1), 1e-14);

    [Fact]
    public void DigammaOfOneHalfIsMinusEulerGammaMinusTwoLnTwo() =>
        AssertClose(-0.57721566490153286 - (2 * Math.Log(2)), SpecialFunctions.Digamma(0.5), 1e-14);

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(10)]
    public void DigammaOfAnIntegerIsAHarmonicNumberMinusEulerGamma(int n)
    {
        double harmonic = 0;
        for (int k = 1; k < n; k++)
        {
            harmonic += 1.0 / k;
        }

        // 10 lies past the switch to the asymptotic series (x >= 6), 1 and 4 below it.
        AssertClose(harmonic - SpecialFunctions.EulerGamma, SpecialFunctions.Digamma(n), 1e-14);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.7)]
    [InlineData(1.4616321449683623)]
    [InlineData(3.2)]
    [InlineData(5.999)]
    [InlineData(6.001)]
    [InlineData(42.0)]
    [InlineData(3000.0)]
    public void DigammaIsTheCentralDifferenceOfLogGamma(double x)
    {
        // A relative step keeps the difference quotient's rounding error near 1e-10 at every scale.
        double h = 1e-5 * x;
        double centralDifference = (SpecialFunctions.LogGamma(x + h) - SpecialFunctions.LogGamma(x - h)) / (2 * h);
        AssertClose(centralDifference, SpecialFunctions.Digamma(x), 1e-7 * Math.Max(1, Math.Abs(centralDifference)));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.75)]
    [InlineData(15.0)]
    public void TheDerivativeOfReturnsLogGammaAndWritesDigamma(double x)
    {
        double value = SpecialFunctions.LogGammaGradient(x, out double dx);
        Assert.Equal(SpecialFunctions.LogGamma(x), value);
        Assert.Equal(SpecialFunctions.Digamma(x), dx);
        FiniteDifferences.Check(SpecialFunctions.LogGamma, SpecialFunctions.LogGammaGradient, x);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.5)]
    [InlineData(double.NaN)]
    [InlineData(double.NegativeInfinity)]
    public void NonPositiveArgumentsAreRejected(double x)
    {
        Assert.Throws<ArgumentOutOfRangeException>("x", () => SpecialFunctions.LogGamma(x));
        Assert.Throws<ArgumentOutOfRangeException>("x", () => SpecialFunctions.Digamma(x));
        Assert.Throws<ArgumentOutOfRangeException>("x", () => SpecialFunctions.LogGammaGradient(x, out _));
    }

    private static void AssertClose(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):E2}, tolerance {tolerance:E2})");
}
