using System;
using System.IO;
using System.Linq;
using Xunit;
using M = SymGrad.Consumer.Tests.Issue9.EarlyReturnModels;

namespace SymGrad.Consumer.Tests.Issue9;

/// <summary>Finite-difference checks of <see cref="EarlyReturnModels"/>, on both sides of every guard.</summary>
public class EarlyReturnTests
{
    [Theory]
    [InlineData(-0.5)]
    [InlineData(0.75)]
    public void ArrayAfterGuard(double w)
    {
        double[] x = { 0.3, -1.2, 2.0 };
        double[] dx = new double[3];
        double value = M.ArrayAfterGuardGradient(x, w, dx, out double dw);
        FiniteDifferences.CheckAt(p => M.ArrayAfterGuard(p.Take(3).ToArray(), p[3]), x.Append(w).ToArray(), dx.Append(dw).ToArray(), value);
        if (w > 0)
        {
            Assert.Equal(w, dx[0]);
        }
    }

    [Theory]
    [InlineData(4.0, 3)]
    [InlineData(0.7, 1)]
    [InlineData(0.7, 4)]
    [InlineData(-1.3, 3)]
    public void StackScratchAfterTwoGuards(double w, int length)
    {
        double[] x = Enumerable.Range(0, length).Select(i => 0.4 - 0.3 * i).ToArray();
        double[] dx = new double[length];
        double value = M.StackScratchAfterTwoGuardsGradient(x, w, dx, out double dw);
        FiniteDifferences.CheckAt(p => M.StackScratchAfterTwoGuards(p.Take(length).ToArray(), p[length]), x.Append(w).ToArray(), dx.Append(dw).ToArray(), value);
    }

    [Theory]
    [InlineData(-3)]
    [InlineData(0)]
    [InlineData(5)]
    public void LengthValidOnlyAfterGuard(int n)
    {
        double[] x = { 0.5, -0.25, 1.5 };
        double[] dx = new double[3];
        double value = M.LengthValidOnlyAfterGuardGradient(x, n, dx);
        FiniteDifferences.CheckAt(p => M.LengthValidOnlyAfterGuard(p, n), x, dx, value);
    }

    [Theory]
    [InlineData(0.05, 0.05)]
    [InlineData(0.45, 0.33)]
    [InlineData(0.95, 0.15)]
    [InlineData(1.5, 0.05)]
    [InlineData(1.5, 1.7)]
    [InlineData(0.65, 0.62)]
    public void TwelveNestedGuards(double x, double y)
    {
        double value = M.TwelveNestedGuardsGradient(x, y, out double dx, out double dy);
        FiniteDifferences.CheckAt(p => M.TwelveNestedGuards(p[0], p[1]), new[] { x, y }, new[] { dx, dy }, value);
    }

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(0.5, -0.5)]
    [InlineData(-0.5, 1.5)]
    [InlineData(-0.5, 0.5)]
    [InlineData(1.2, -2.0)]
    public void MixedReturns(double x, double y)
    {
        double value = M.MixedReturnsGradient(x, y, out double dx, out double dy);
        FiniteDifferences.CheckAt(p => M.MixedReturns(p[0], p[1]), new[] { x, y }, new[] { dx, dy }, value);
    }

    [Theory]
    [InlineData(0.5, 0.3)]
    [InlineData(0.3, 0.5)]
    [InlineData(0.5, -0.3)]
    [InlineData(0.3, -0.5)]
    [InlineData(-0.3, 0.5)]
    [InlineData(-0.5, 0.3)]
    [InlineData(-0.5, -0.3)]
    [InlineData(-0.3, -0.5)]
    public void NestedTernary(double x, double y)
    {
        double value = M.NestedTernaryGradient(x, y, out double dx, out double dy);
        FiniteDifferences.CheckAt(p => M.NestedTernary(p[0], p[1]), new[] { x, y }, new[] { dx, dy }, value);
    }

    /// <summary>
    /// The generated files (EmitCompilerGeneratedFiles) stay linear in the source: the review saw
    /// 174,076 lines for twelve nested guards and 130 for a six-line ternary. (The generator tests
    /// check the growth rate itself; these are absolute ceilings for the models above.) Counted up
    /// to the pullback, which follows the gradient in the same file and has the same size.
    /// </summary>
    [Theory]
    [InlineData("TwelveNestedGuards", 1000)]
    [InlineData("NestedTernary", 200)]
    [InlineData("MixedReturns", 200)]
    public void GeneratedCodeStaysLinear(string method, int maxLines)
    {
        string file = GeneratedFiles.Find("EarlyReturnModels." + method + "_");
        int lines = File.ReadAllLines(file).TakeWhile(line => !line.Contains("and adds <c>seed</c> times its gradient", StringComparison.Ordinal)).Count();
        Assert.True(lines <= maxLines, $"{Path.GetFileName(file)} has {lines} lines (at most {maxLines} expected)");
    }
}
