using System;
using System.Linq;
using Xunit;

namespace SymGrad.Consumer.Tests.Composition;

/// <summary>Every CallModels gradient against central finite differences.</summary>
public sealed class CallTests
{
    private static readonly double[] W = { 0.4, -0.7, 1.1, 0.25, -0.3 };

    [Theory]
    [InlineData(0.7, -1.3)]
    [InlineData(-0.4, 0.9)]
    public void TwoSquares(double x, double y) =>
        FiniteDifferences.Check(CallModels.TwoSquares, CallModels.TwoSquaresGradient, (x, y));

    [Theory]
    [InlineData(0.8)]
    [InlineData(-1.2)]
    public void LayerSum(double x)
    {
        var dw = new double[W.Length];
        double value = CallModels.LayerSumGradient(W, x, dw, out double dx);
        FiniteDifferences.CheckAt(p => CallModels.LayerSum(p.Take(W.Length).ToArray(), p[^1]), W.Append(x).ToArray(), dw.Append(dx).ToArray(), value);
    }

    [Theory]
    [InlineData(1.5, 0.3)]
    [InlineData(0.2, 0.9)]
    [InlineData(-0.6, 0.1)]
    public void InBranches(double x, double y) =>
        FiniteDifferences.Check(CallModels.InBranches, CallModels.InBranchesGradient, (x, y));

    [Theory]
    [InlineData(0.3, 0.8)]
    [InlineData(-1.1, 0.45)]
    public void ThreeLevelsDeep(double x, double y) =>
        FiniteDifferences.Check(CallModels.Level1, CallModels.Level1Gradient, (x, y));

    [Theory]
    [InlineData(0.6)]
    [InlineData(-0.9)]
    public void Recurrence(double x)
    {
        var dw = new double[W.Length];
        double value = CallModels.RecurrenceGradient(W, x, dw, out double dx);
        FiniteDifferences.CheckAt(p => CallModels.Recurrence(p.Take(W.Length).ToArray(), p[^1]), W.Append(x).ToArray(), dw.Append(dx).ToArray(), value);
    }

    [Fact]
    public void LocalArrayArgumentAndAnotherPartialType()
    {
        var dw = new double[W.Length];
        double value = CallModels.LocalArrayArgumentGradient(W, 1.3, dw, out double dx);
        FiniteDifferences.CheckAt(p => CallModels.LocalArrayArgument(p.Take(W.Length).ToArray(), p[^1]), W.Append(1.3).ToArray(), dw.Append(dx).ToArray(), value);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(-0.2)]
    public void ReferencedAssembly(double y)
    {
        double[] theta = { 0.3, -0.5, 0.8 };
        double[] x = { 1.0, -1.5 };
        var dtheta = new double[3];
        double value = CallModels.ReferencedAssemblyGradient(theta, x, y, dtheta, out double dy);
        FiniteDifferences.CheckAt(p => CallModels.ReferencedAssembly(p.Take(3).ToArray(), x, p[3]), theta.Append(y).ToArray(), dtheta.Append(dy).ToArray(), value);
    }

    [Fact]
    public void ConstantCalls()
    {
        var dw = new double[W.Length];
        double value = CallModels.ConstantCallsGradient(W, 0.7, dw);
        FiniteDifferences.CheckAt(p => CallModels.ConstantCalls(p, 0.7), W, dw, value);
    }

    [Fact]
    public void SameArrayTwice()
    {
        var dw = new double[W.Length];
        double value = CallModels.SameArrayTwiceGradient(W, dw);
        FiniteDifferences.CheckAt(CallModels.SameArrayTwice, W, dw, value);
    }
}
