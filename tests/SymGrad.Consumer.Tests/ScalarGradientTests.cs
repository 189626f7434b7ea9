using System;
using Xunit;
using E = SymGrad.Consumer.Tests.ElementaryModels;
using B = SymGrad.Consumer.Tests.BranchModels;

namespace SymGrad.Consumer.Tests;

/// <summary>Every generated scalar gradient against central finite differences, at several points.</summary>
public class ScalarGradientTests
{
    private static readonly (double, double)[] Points = { (0.7, -0.4), (-1.3, 0.9), (1.9, 1.2), (-0.25, -1.7) };

    [Fact] public void Exp() => FiniteDifferences.Check(E.Exp, E.ExpGradient, Points);
    [Fact] public void Log() => FiniteDifferences.Check(E.Log, E.LogGradient, Points);
    [Fact] public void Sqrt() => FiniteDifferences.Check(E.Sqrt, E.SqrtGradient, Points);
    [Fact] public void PowConstant() => FiniteDifferences.Check(E.PowConstant, E.PowConstantGradient, Points);
    [Fact] public void PowVariable() => FiniteDifferences.Check(E.PowVariable, E.PowVariableGradient, Points);
    [Fact] public void Sin() => FiniteDifferences.Check(E.Sin, E.SinGradient, Points);
    [Fact] public void Cos() => FiniteDifferences.Check(E.Cos, E.CosGradient, Points);
    [Fact] public void Tan() => FiniteDifferences.Check(E.Tan, E.TanGradient, Points);
    [Fact] public void Atan() => FiniteDifferences.Check(E.Atan, E.AtanGradient, Points);
    [Fact] public void Sinh() => FiniteDifferences.Check(E.Sinh, E.SinhGradient, Points);
    [Fact] public void Cosh() => FiniteDifferences.Check(E.Cosh, E.CoshGradient, Points);
    [Fact] public void Tanh() => FiniteDifferences.Check(E.Tanh, E.TanhGradient, Points);
    [Fact] public void Abs() => FiniteDifferences.Check(E.Abs, E.AbsGradient, Points);
    [Fact] public void Max() => FiniteDifferences.Check(E.Max, E.MaxGradient, Points);
    [Fact] public void Min() => FiniteDifferences.Check(E.Min, E.MinGradient, Points);
    [Fact] public void Sigmoid() => FiniteDifferences.Check(E.Sigmoid, E.SigmoidGradient, Points);
    [Fact] public void Softplus() => FiniteDifferences.Check(E.Softplus, E.SoftplusGradient, Points);
    [Fact] public void Relu() => FiniteDifferences.Check(E.Relu, E.ReluGradient, Points);
    [Fact] public void Arithmetic() => FiniteDifferences.Check(E.Arithmetic, E.ArithmeticGradient, Points);
    [Fact] public void Reassignment() => FiniteDifferences.Check(E.Reassignment, E.ReassignmentGradient, Points);
    [Fact] public void ParameterReassigned() => FiniteDifferences.Check(E.ParameterReassigned, E.ParameterReassignedGradient, Points);

    [Fact]
    public void ConstantsAndIntegerParameters()
    {
        foreach ((double x, double y) in Points)
        {
            double value = E.WithConstantsGradient(x, 0.3, 4, y, out double dx, out double dy);
            Assert.Equal(E.WithConstants(x, 0.3, 4, y), value);
            GradientCheckReport report = GradientCheck.Compare(p => E.WithConstants(p[0], 0.3, 4, p[1]), new[] { x, y }, new[] { dx, dy });
            Assert.True(report.Passed, report.ToString());
        }
    }

    /// <summary>Points on both sides of every branch condition.</summary>
    [Fact]
    public void Piecewise() => FiniteDifferences.Check(B.Piecewise, B.PiecewiseGradient, (1.5, 0.3), (1.01, -2.0), (0.99, -2.0), (-1.01, 0.4), (-0.99, 0.4), (0.2, 0.7));

    [Fact]
    public void Nested()
    {
        FiniteDifferences.Check(B.Nested, B.NestedGradient, (2.0, 1.0), (1.0, 2.0), (-0.5, 1.0), (-2.0, 0.5), (-0.5, 0.0), (0.5, -1.0));

        // y == 0 takes the sqrt branch only on a set of measure zero: check the x direction there.
        B.NestedGradient(-2.0, 0.0, out double dx, out _);
        double numeric = GradientCheck.CentralDifferences(p => B.Nested(p[0], 0.0), new[] { -2.0 })[0];
        Assert.Equal(numeric, dx, 1e-6);
    }

    [Fact]
    public void Ternaries() => FiniteDifferences.Check(B.Ternaries, B.TernariesGradient, (1.0, 0.5), (0.5, 1.0), (-1.0, 0.5), (-3.0, -1.0), (-1.5, -1.0));

    [Fact]
    public void MergeAfterIf() => FiniteDifferences.Check(B.MergeAfterIf, B.MergeAfterIfGradient, (3.0, 1.0), (0.2, 0.5), (0.5, -1.0), (2.0, -0.5), (0.8, 2.0));

    [Fact]
    public void IntegerBranch()
    {
        foreach (bool flip in new[] { false, true })
        {
            foreach (int n in new[] { 1, 3 })
            {
                double value = B.IntegerBranchGradient(0.7, n, flip, out double dx);
                Assert.Equal(B.IntegerBranch(0.7, n, flip), value);
                GradientCheckReport report = GradientCheck.Compare(p => B.IntegerBranch(p[0], n, flip), new[] { 0.7 }, new[] { dx });
                Assert.True(report.Passed, report.ToString());
            }
        }
    }

    [Fact]
    public void UntakenBranchNeverPoisonsTheGradient()
    {
        FiniteDifferences.Check(B.SafeLog, B.SafeLogGradient, -1.0, 0.5, 2.0);
        B.SafeLogGradient(-1.0, out double logSlope);
        Assert.Equal(1.0, logSlope);

        B.SafeSqrtGradient(0.0, out double sqrtSlope);
        Assert.Equal(0.0, sqrtSlope);
        B.SafeSqrtGradient(-4.0, out double negativeSlope);
        Assert.Equal(0.0, negativeSlope);
    }

    /// <summary>The documented conventions at non-differentiable points.</summary>
    [Fact]
    public void NonDifferentiablePointsFollowTheConvention()
    {
        ElementaryModels.MaxGradient(1.0, 1.0, out double maxDx, out double maxDy);
        Assert.Equal((1.0 * 1.0) + (1.0 * 1.0), maxDx); // both Max calls tie-break to x: d/dx [max(x,y) * max(x,0.5)] = 1*1 + 1*1
        Assert.Equal(0.0, maxDy);

        TieModels.MinTieGradient(2.0, 2.0, out double minDx, out double minDy);
        Assert.Equal((1.0, 0.0), (minDx, minDy));

        TieModels.AbsAtZeroGradient(0.0, out double absSlope);
        Assert.Equal(0.0, absSlope);

        TieModels.ReluAtZeroGradient(0.0, out double reluSlope);
        Assert.Equal(0.0, reluSlope);
    }

    [Fact]
    public void SymMathIsStableForLargeInputs()
    {
        Assert.Equal(1000.0, SymMath.Softplus(1000.0));
        Assert.InRange(SymMath.Softplus(-1000.0), 0.0, 1e-300);
        Assert.Equal(1.0, SymMath.Sigmoid(1000.0));
        Assert.Equal(0.0, SymMath.Sigmoid(-1000.0));
        ElementaryModels.SoftplusGradient(800.0, 0.0, out double dx, out double dy);
        Assert.Equal(1.0, dx);
        Assert.Equal(-3.0, dy);
        Assert.True(double.IsFinite(SymMath.Softplus(-745.0)));
    }
}
