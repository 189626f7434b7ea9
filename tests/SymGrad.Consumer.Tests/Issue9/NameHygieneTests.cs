using System;
using System.Linq;
using Xunit;
using M = SymGrad.Consumer.Tests.Issue9.NameHygieneModels;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>Finite-difference checks of <see cref="NameHygieneModels"/>: the renamed copies still compute the same function.</summary>
public class NameHygieneTests
{
    private static readonly double[] X = { 0.3, -0.7, 0.5, 0.9, -0.2 };

    [Theory]
    [InlineData(0.4)]
    [InlineData(2.5)]
    public void LocalNamedLikeOutput(double x) =>
        FiniteDifferences.Check(M.LocalNamedLikeOutput, M.LocalNamedLikeOutputGradient, x);

    [Fact]
    public void LocalsNamedLikeOutputsAndAdjoints() =>
        FiniteDifferences.Check(M.LocalsNamedLikeOutputsAndAdjoints, M.LocalsNamedLikeOutputsAndAdjointsGradient, (0.4, 1.3), (-1.1, 0.7));

    [Theory]
    [InlineData(0.8)]
    [InlineData(-1.3)]
    public void ParameterNamedTape(double tape)
    {
        double[] dx = new double[X.Length];
        double value = M.ParameterNamedTapeGradient(X, tape, dx, out double dtape);
        FiniteDifferences.CheckAt(p => M.ParameterNamedTape(p.Take(5).ToArray(), p[5]), X.Append(tape).ToArray(), dx.Append(dtape).ToArray(), value);
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(-1.3)]
    public void LocalsNamedTapeAndResult(double w)
    {
        double[] dx = new double[X.Length];
        double value = M.LocalsNamedTapeAndResultGradient(X, w, dx, out double dw);
        FiniteDifferences.CheckAt(p => M.LocalsNamedTapeAndResult(p.Take(5).ToArray(), p[5]), X.Append(w).ToArray(), dx.Append(dw).ToArray(), value);
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(-1.3)]
    public void CounterNamedLikeBranchLocal(double w)
    {
        double[] dx = new double[X.Length];
        double value = M.CounterNamedLikeBranchLocalGradient(X, w, dx, out double dw);
        FiniteDifferences.CheckAt(p => M.CounterNamedLikeBranchLocal(p.Take(5).ToArray(), p[5]), X.Append(w).ToArray(), dx.Append(dw).ToArray(), value);
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(12.0)]
    public void BranchLocalNamedLikeLaterCounters(double w)
    {
        double[] dx = new double[X.Length];
        double value = M.BranchLocalNamedLikeLaterCountersGradient(X, w, dx, out double dw);
        FiniteDifferences.CheckAt(p => M.BranchLocalNamedLikeLaterCounters(p.Take(5).ToArray(), p[5]), X.Append(w).ToArray(), dx.Append(dw).ToArray(), value);
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(-1.3)]
    public void LocalsNamedLikeBuffers(double result)
    {
        double[] dx = new double[X.Length];
        double value = M.LocalsNamedLikeBuffersGradient(X, result, dx, out double dresult);
        FiniteDifferences.CheckAt(p => M.LocalsNamedLikeBuffers(p.Take(5).ToArray(), p[5]), X.Append(result).ToArray(), dx.Append(dresult).ToArray(), value);
    }

    [Fact]
    public void LocalNamedLikeArrayOutput()
    {
        double[] da = new double[X.Length];
        double value = M.LocalNamedLikeArrayOutputGradient(X, 0.7, da, out double dx);
        FiniteDifferences.CheckAt(p => M.LocalNamedLikeArrayOutput(p.Take(5).ToArray(), p[5]), X.Append(0.7).ToArray(), da.Append(dx).ToArray(), value);
    }

    [Fact]
    public void ParameterNamedNameof()
    {
        double[] da = new double[X.Length];
        double value = M.ParameterNamedNameofGradient(X, 0.7, da, out double dnameof);
        FiniteDifferences.CheckAt(p => M.ParameterNamedNameof(p.Take(5).ToArray(), p[5]), X.Append(0.7).ToArray(), da.Append(dnameof).ToArray(), value);
        Assert.Equal("da", Assert.Throws<ArgumentException>(() => M.ParameterNamedNameofGradient(X, 0.7, new double[2], out _)).ParamName);
    }

    [Fact]
    public void KeywordLocals()
    {
        double[] da = new double[X.Length];
        double value = M.KeywordLocalsGradient(X, 0.7, da, out double ddouble);
        FiniteDifferences.CheckAt(p => M.KeywordLocals(p.Take(5).ToArray(), p[5]), X.Append(0.7).ToArray(), da.Append(ddouble).ToArray(), value);
    }
}
