using System;
using System.Linq;
using Xunit;
using M = SymGrad.Consumer.Tests.Issue9.OutputAliasingModels;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>Every way an output can share memory with an input or another output throws before anything is written.</summary>
public class OutputAliasingTests
{
    private static readonly double[] W = { 0.3, -0.7, 0.5, 0.9, -0.2 };
    private static readonly double[] X = { 1.0, 0.5, -0.5, 2.0, 0.25 };

    private static void AssertNames(ArgumentException exception, string output, string other)
    {
        Assert.Equal(output, exception.ParamName);
        Assert.Contains("'" + output + "'", exception.Message);
        Assert.Contains("'" + other + "'", exception.Message);
    }

    [Fact]
    public void AnOutputThatIsItsOwnInputThrowsAndLeavesTheInput()
    {
        double[] w = (double[])W.Clone();
        AssertNames(Assert.Throws<ArgumentException>(() => M.LinearGradient(w, 0.1, X, w, out _)), "dw", "w");
        Assert.Equal(W, w);
    }

    [Fact]
    public void AnOutputThatIsAConstantInputThrows()
    {
        double[] x = (double[])X.Clone();
        AssertNames(Assert.Throws<ArgumentException>(() => M.LinearGradient(W, 0.1, x, x, out _)), "dw", "x");
        Assert.Equal(X, x);
    }

    [Fact]
    public void OneBufferForTwoOutputsThrows()
    {
        double[] shared = new double[W.Length];
        AssertNames(Assert.Throws<ArgumentException>(() => M.TwoVectorsGradient(W, X, shared, shared)), "du", "dv");
    }

    [Fact]
    public void AnOutputOverlappingPartOfAnInputSpanThrows()
    {
        double[] memory = Enumerable.Range(0, 8).Select(i => 0.1 * i).ToArray();
        double[] before = (double[])memory.Clone();
        AssertNames(Assert.Throws<ArgumentException>(() => M.OverSpanGradient(memory.AsSpan(0, 5), 0.5, memory.AsSpan(3, 5), out _)), "da", "a");
        Assert.Equal(before, memory);
    }

    [Fact]
    public void AScalarOutputInsideAnInputThrowsAndLeavesTheInput()
    {
        double[] w = (double[])W.Clone();
        AssertNames(Assert.Throws<ArgumentException>(() => M.LinearGradient(w, 0.1, X, new double[W.Length], out w[2])), "db", "w");
        Assert.Equal(W, w);
    }

    [Fact]
    public void AScalarOutputInsideAnArrayOutputThrows()
    {
        double[] dw = new double[W.Length];
        AssertNames(Assert.Throws<ArgumentException>(() => M.LinearGradient(W, 0.1, X, dw, out dw[4])), "db", "dw");
    }

    [Fact]
    public void SeparateBuffersStillGiveTheGradient()
    {
        double[] memory = new double[10];
        W.CopyTo(memory, 0);
        double[] dw = new double[W.Length];
        double value = M.OverSpanGradient(memory.AsSpan(0, 5), 0.5, memory.AsSpan(5, 5), out double dx);
        memory.AsSpan(5, 5).CopyTo(dw);
        Assert.Equal(M.OverSpan(W, 0.5), value);
        GradientCheckReport report = GradientCheck.Compare(p => M.OverSpan(p.Take(5).ToArray(), p[5]), W.Append(0.5).ToArray(), dw.Append(dx).ToArray());
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void OneVariableForTwoScalarOutputsThrows()
    {
        double both = 0;
        AssertNames(Assert.Throws<ArgumentException>(() => M.ScalarsGradient(0.7, 0.4, out both, out both)), "dx", "dy");
        FiniteDifferences.Check((x, y) => M.Scalars(x, y), M.ScalarsGradient, (0.7, 0.4), (-1.2, 0.3));
    }
}
