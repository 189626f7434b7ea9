using System;
using System.Linq;
using Xunit;
using L = SymGrad.Consumer.Tests.LoopExitModels;

namespace SymGrad.Consumer.Tests;

/// <summary>
/// Loops that stop early or stride, against central finite differences. Points are chosen (or
/// checked) away from the places where a small step would change the number of iterations, where
/// the function jumps.
/// </summary>
public class LoopExitGradientTests
{
    private static double[] Random(int seed, int length, double scale = 1.0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2 - 1) * scale).ToArray();
    }

    private static double[] Join(double[] first, params double[] rest) => first.Concat(rest).ToArray();

    [Theory]
    [InlineData(2.0, 0.7)]
    [InlineData(5.0, -1.3)]
    [InlineData(0.4, 2.0)]
    public void NewtonIterationsUntilConvergence(double a, double w)
    {
        double value = L.NewtonSqrtGradient(a, w, out double da, out double dw);
        FiniteDifferences.CheckAt(p => L.NewtonSqrt(p[0], p[1]), new[] { a, w }, new[] { da, dw }, value);

        // Through the iterations, not the implicit derivative: close to it once converged, but not equal.
        double y = L.NewtonSqrt(a, 0) is var cube ? Math.Cbrt(cube) : 0;
        Assert.Equal(w * (0.5 / y) + 3 * y * y * (0.5 / y), da, 2);
    }

    [Theory]
    [InlineData(0.8, 0.3)]
    [InlineData(1.3, 0.9)]
    [InlineData(0.5, -0.4)]
    public void FixedPointNewtonWithBreak(double k, double x0)
    {
        double value = L.FixedPointGradient(k, x0, out double dk, out double dx0);
        FiniteDifferences.CheckAt(p => L.FixedPoint(p[0], p[1]), new[] { k, x0 }, new[] { dk, dx0 }, value);
    }

    [Theory]
    [InlineData(0.0, 2.0)]
    [InlineData(0.5, 3.1)]
    [InlineData(1.1, 1.7)]
    public void Bisection(double lo, double hi)
    {
        double value = L.BisectionGradient(lo, hi, out double dlo, out double dhi);
        FiniteDifferences.CheckAt(p => L.Bisection(p[0], p[1]), new[] { lo, hi }, new[] { dlo, dhi }, value);
        Assert.Equal(Math.Cbrt(2), value, 2);

        // The midpoints are weighted means of lo and hi: the weights sum to one.
        Assert.Equal(1.0, dlo + dhi, 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ReturnAtTheFirstElementOverAThreshold(int seed)
    {
        double[] a = Random(seed, 8);
        double[] da = new double[a.Length];
        double value = L.FirstOverGradient(a, 0.3, 1.7, da, out double dThreshold, out double dScale);
        FiniteDifferences.CheckAt(p => L.FirstOver(p.Take(8).ToArray(), p[8], p[9]), Join(a, 0.3, 1.7), Join(da, dThreshold, dScale), value);
        int first = Array.FindIndex(a, v => v > 0.3);
        Assert.Equal(first < 0 ? 0 : 2 * 1.7 * a[first], first < 0 ? 0 : da[first], 12);
        Assert.All(da.Where((_, i) => i != first), d => Assert.Equal(0, d));
    }

    [Fact]
    public void ReturnAfterTheLoopWhenNoElementIsOver()
    {
        double[] a = { 0.1, -0.2, 0.25 };
        double[] da = new double[a.Length];
        double value = L.FirstOverGradient(a, 0.3, 1.7, da, out _, out double dScale);
        Assert.Equal(1.7, value);
        Assert.Equal(1.0, dScale);
        Assert.All(da, d => Assert.Equal(0, d));
    }

    [Theory]
    [InlineData(1, 0.9)]
    [InlineData(2, 0.5)]
    [InlineData(4, 1.2)]
    public void EarlyStoppingInsideATimeSeriesRecurrence(int seed, double alpha)
    {
        double[] u = Random(seed, 12, 0.6);
        double[] du = new double[u.Length];
        double value = L.EarlyStoppedRecurrenceGradient(alpha, u, out double dAlpha, du);
        FiniteDifferences.CheckAt(p => L.EarlyStoppedRecurrence(p[0], p.Skip(1).ToArray()), Join(new[] { alpha }, u), Join(new[] { dAlpha }, du), value);
    }

    [Fact]
    public void EarlyStoppingLeavesTheRestOfTheSeriesWithoutDerivative()
    {
        double[] u = { 0.1, 0.9, 0.5, 0.3 };
        double[] du = new double[u.Length];
        double value = L.EarlyStoppedRecurrenceGradient(1.0, u, out _, du);
        Assert.Equal(L.EarlyStoppedRecurrence(1.0, u), value);
        Assert.True(value > 0.36 && value < 2, "stops at t = 1: " + value);
        Assert.NotEqual(0, du[1]);
        Assert.Equal(0, du[2]);
        Assert.Equal(0, du[3]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ContinueSkippingElements(int seed)
    {
        double[] a = Random(seed, 9);
        double[] da = new double[a.Length];
        double value = L.SumOfPositiveLogsGradient(a, 0.8, da, out double dx);
        FiniteDifferences.CheckAt(p => L.SumOfPositiveLogs(p.Take(9).ToArray(), p[9]), Join(a, 0.8), Join(da, dx), value);
        Assert.All(Enumerable.Range(0, a.Length).Where(i => a[i] <= 0), i => Assert.Equal(0, da[i]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ContinueInsideARecurrence(int seed)
    {
        double[] u = Random(seed, 10);
        double[] du = new double[u.Length];
        double value = L.RecurrenceSkippingSmallGradient(0.7, u, out double dw, du);
        FiniteDifferences.CheckAt(p => L.RecurrenceSkippingSmall(p[0], p.Skip(1).ToArray()), Join(new[] { 0.7 }, u), Join(new[] { dw }, du), value);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(1)]
    public void StridedLoops(int length)
    {
        double[] a = Random(length, length);
        double[] da = new double[length];
        double value = L.EvenProductGradient(a, da);
        FiniteDifferences.CheckAt(L.EvenProduct, a, da, value);
        Assert.All(Enumerable.Range(0, length).Where(i => i % 2 == 1), i => Assert.Equal(0, da[i]));

        value = L.EveryThirdFromEndGradient(a, 0.9, da, out double dx);
        FiniteDifferences.CheckAt(p => L.EveryThirdFromEnd(p.Take(length).ToArray(), p[length]), Join(a, 0.9), Join(da, dx), value);
        Assert.All(Enumerable.Range(0, length).Where(i => (length - 1 - i) % 3 != 0), i => Assert.Equal(0, da[i]));

        value = L.StridedSquaresGradient(a, da);
        FiniteDifferences.CheckAt(L.StridedSquares, a, da, value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(7)]
    public void NotEqualConditions(int n)
    {
        double[] a = Random(n + 10, 8, 2.0);
        double[] da = new double[a.Length];
        double value = L.NotEqualLoopGradient(a, n, da);
        FiniteDifferences.CheckAt(p => L.NotEqualLoop(p, n), a, da, value);

        int even = n - n % 2;
        value = L.NotEqualStridedGradient(a, even, da);
        FiniteDifferences.CheckAt(p => L.NotEqualStrided(p, even), a, da, value);
    }

    [Fact]
    public void ANotEqualLoopThatWouldNeverStopThrows()
    {
        double[] a = new double[8];
        double[] da = new double[8];
        InvalidOperationException odd = Assert.Throws<InvalidOperationException>(() => L.NotEqualStridedGradient(a, 5, da));
        Assert.Contains("i != 0", odd.Message);
        Assert.Contains("never stop", odd.Message);
        Assert.Throws<InvalidOperationException>(() => L.NotEqualLoopGradient(a, -1, da));
    }

    [Theory]
    [InlineData(1, 0.6)]
    [InlineData(2, 0.9)]
    [InlineData(3, 1.5)]
    public void NestedLoopsWithBreakInTheInnerOne(int seed, double x)
    {
        double[] a = Random(seed, 7);
        double[] da = new double[a.Length];
        double value = L.NestedBreakGradient(a, x, da, out double dx);
        FiniteDifferences.CheckAt(p => L.NestedBreak(p.Take(7).ToArray(), p[7]), Join(a, x), Join(da, dx), value);
    }

    [Theory]
    [InlineData(1, 0.6)]
    [InlineData(2, 3.0)]
    [InlineData(5, 0.05)]
    public void ReturnFromAnInnerLoop(int seed, double x)
    {
        double[] a = Random(seed, 6, 1.5);
        double[] da = new double[a.Length];
        double value = L.ReturnFromInnerGradient(a, x, da, out double dx);
        FiniteDifferences.CheckAt(p => L.ReturnFromInner(p.Take(6).ToArray(), p[6]), Join(a, x), Join(da, dx), value);
    }

    [Theory]
    [InlineData(10.3, 0.2)]
    [InlineData(0.5, 0.1)]
    [InlineData(300.0, 0.4)]
    public void DoWhile(double x, double c)
    {
        double value = L.HalveUntilSmallGradient(x, c, out double dx, out double dc);
        FiniteDifferences.CheckAt(p => L.HalveUntilSmall(p[0], p[1]), new[] { x, c }, new[] { dx, dc }, value);
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(2, 1.5)]
    public void ForConditionWithADataDependentTest(int seed, double x)
    {
        double[] a = Random(seed, 8);
        double[] da = new double[a.Length];
        double value = L.GrowWhileSmallGradient(a, x, da, out double dx);
        FiniteDifferences.CheckAt(p => L.GrowWhileSmall(p.Take(8).ToArray(), p[8]), Join(a, x), Join(da, dx), value);
    }

    [Theory]
    [InlineData(0.3, 4.0)]
    [InlineData(1.1, 2.0)]
    [InlineData(5.0, 2.0)]
    public void WhileConditionEvaluatedInsideTheBody(double x, double limit)
    {
        double value = L.WhileWithConditionalConditionGradient(x, limit, out double dx, out double dLimit);
        FiniteDifferences.CheckAt(p => L.WhileWithConditionalCondition(p[0], p[1]), new[] { x, limit }, new[] { dx, dLimit }, value);
    }

    [Theory]
    [InlineData(1, 0.7)]
    [InlineData(2, 1.9)]
    [InlineData(3, -1.2)]
    public void BreakAndContinueOnSomePaths(int seed, double x)
    {
        double[] a = Random(seed, 9);
        double[] da = new double[a.Length];
        double value = L.BreakAndContinueGradient(a, x, da, out double dx);
        FiniteDifferences.CheckAt(p => L.BreakAndContinue(p.Take(9).ToArray(), p[9]), Join(a, x), Join(da, dx), value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void AnAccumulatorCopiedIntoAnotherCarriedVariable(int seed)
    {
        double[] a = Random(seed, 5);
        double[] da = new double[a.Length];
        double value = L.AccumulatorCopiedGradient(a, da);
        FiniteDifferences.CheckAt(L.AccumulatorCopied, a, da, value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void WhileLoopsOverAnIntegerIndex(int k)
    {
        double[] a = Random(k, 11);
        double[] da = new double[a.Length];
        double value = L.EveryKthGradient(a, k, da);
        FiniteDifferences.CheckAt(p => L.EveryKth(p, k), a, da, value);

        value = L.PowersOfTwoGradient(a, da);
        FiniteDifferences.CheckAt(L.PowersOfTwo, a, da, value);
        Assert.Equal(Math.Cos(a[8]), da[8], 12);
        Assert.Equal(0, da[3]);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.9)]
    [InlineData(1.7)]
    public void LocalsFirstAssignedInsideALoopThatAlwaysRuns(double x)
    {
        FiniteDifferences.Check(L.AssignedInsideDo, L.AssignedInsideDoGradient, x);
        FiniteDifferences.Check(L.AssignedBeforeBreak, L.AssignedBeforeBreakGradient, x);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ASumStoppedByABreakBesideAnotherSum(int seed)
    {
        double[] a = Random(seed, 9);
        double[] da = new double[a.Length];
        double value = L.TwoSumsOneStoppedGradient(a, 0.7, da, out double dx);
        FiniteDifferences.CheckAt(p => L.TwoSumsOneStopped(p.Take(9).ToArray(), p[9]), Join(a, 0.7), Join(da, dx), value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void AStoppedSumDifferentiatedInTheReverseSweep(int seed)
    {
        double[] a = Random(seed, 9, 1.5);
        double[] da = new double[a.Length];
        double value = L.StoppedSineSumGradient(a, da);
        FiniteDifferences.CheckAt(L.StoppedSineSum, a, da, value);
    }

    [Theory]
    [InlineData(1.0, 3.0)]
    [InlineData(3.0, -1.0)]
    [InlineData(0.5, 0.7)]
    public void NewtonReturningFromAnEndlessLoop(double c, double d)
    {
        FiniteDifferences.Check(L.NewtonReturnsFromForever, L.NewtonReturnsFromForeverGradient, (c, d));
    }

    [Theory]
    [InlineData(0.3, 0.7)]
    [InlineData(-0.4, 1.1)]
    [InlineData(1.2, 0.2)]
    public void AWhileLoopInsideABranch(double x, double y)
    {
        FiniteDifferences.Check(L.WhileInsideABranch, L.WhileInsideABranchGradient, (x, y));
    }
}
