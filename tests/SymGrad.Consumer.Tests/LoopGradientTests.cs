using System;
using System.Linq;
using Xunit;
using L = SymGrad.Consumer.Tests.LoopModels;

namespace SymGrad.Consumer.Tests;

/// <summary>Every loop shape's generated gradient against central finite differences, on several random inputs.</summary>
public class LoopGradientTests
{
    private static readonly GradientCheckOptions Options = new(Step: 1e-6, RelativeTolerance: 1e-5, AbsoluteTolerance: 1e-6);

    private static double[] Random(int seed, int length, double scale = 1.0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2 - 1) * scale).ToArray();
    }

    private static void Check(Func<double[], double> f, double[] point, double[] analytic, double value)
    {
        Assert.Equal(f(point), value, 12);
        GradientCheckReport report = GradientCheck.Compare(f, point, analytic, Options);
        Assert.True(report.Passed, report.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SumOfSquares(int seed)
    {
        double[] x = Random(seed, 7);
        double[] dx = new double[x.Length];
        double value = L.SumOfSquaresGradient(x, dx);
        Check(L.SumOfSquares, x, dx, value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Horner(int seed)
    {
        double[] c = Random(seed, 6);
        double x = 0.7;
        double[] dc = new double[c.Length];
        double value = L.HornerGradient(x, c, out double dx, dc);
        Check(p => L.Horner(p[0], p.Skip(1).ToArray()), new[] { x }.Concat(c).ToArray(), new[] { dx }.Concat(dc).ToArray(), value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RunningProduct(int seed)
    {
        double[] a = Random(seed, 5, 2.0);
        double[] da = new double[a.Length];
        double value = L.RunningProductGradient(a, da);
        Check(L.RunningProduct, a, da, value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Recurrence(int seed)
    {
        double[] u = Random(seed, 8);
        double[] du = new double[u.Length];
        double value = L.RecurrenceGradient(0.9, u, out double dw, du);
        Check(p => L.Recurrence(p[0], p.Skip(1).ToArray()), new[] { 0.9 }.Concat(u).ToArray(), new[] { dw }.Concat(du).ToArray(), value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void PrefixSums(int seed)
    {
        double[] a = Random(seed, 6);
        double[] da = new double[a.Length];
        double value = L.PrefixSumsGradient(a, da);
        Check(L.PrefixSums, a, da, value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MaxReduction(int seed)
    {
        double[] a = Random(seed, 6);
        double[] da = new double[a.Length];
        double value = L.MaxReductionGradient(a, da);
        Check(L.MaxReduction, a, da, value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ForEachSpan(int seed)
    {
        double[] a = Random(seed, 5);
        double[] da = new double[a.Length];
        double value = L.ForEachSpanGradient(a, da);
        Check(p => L.ForEachSpan(p), a, da, value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BranchesInLoop(int seed)
    {
        double[] a = Random(seed, 9);
        double[] da = new double[a.Length];
        double value = L.BranchesInLoopGradient(a, 0.1, da, out double dt);
        Check(p => L.BranchesInLoop(p.Take(9).ToArray(), p[9]), a.Append(0.1).ToArray(), da.Append(dt).ToArray(), value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void OverwrittenLocal(int seed)
    {
        double[] a = Random(seed, 6);
        double[] da = new double[a.Length];
        double value = L.OverwrittenLocalGradient(a, da);
        Check(L.OverwrittenLocal, a, da, value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MatrixVector(int seed)
    {
        double[] w = Random(seed, 12);
        double[] x = Random(seed + 10, 4);
        double[] dw = new double[w.Length];
        double[] dx = new double[x.Length];
        double value = L.MatrixVectorGradient(w, x, 3, dw, dx);
        Check(p => L.MatrixVector(p.Take(12).ToArray(), p.Skip(12).ToArray(), 3), w.Concat(x).ToArray(), dw.Concat(dx).ToArray(), value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ScratchScores(int seed)
    {
        int k = 3, n = 4, m = 5;
        double[] w = Random(seed, k * n);
        double[] x = Random(seed + 1, m * n);
        int[] y = { 0, 2, 1, 1, 0 };
        double[] dw = new double[w.Length];
        double value = L.ScratchScoresGradient(w, x, y, k, dw);
        Check(p => L.ScratchScores(p, x, y, k), w, dw, value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void DotAndLogSumExp(int seed)
    {
        double[] a = Random(seed, 5);
        double[] b = Random(seed + 3, 5);
        double[] da = new double[5];
        double[] db = new double[5];
        double value = L.DotAndLogSumExpGradient(a, b, da, db);
        Check(p => L.DotAndLogSumExp(p.Take(5).ToArray(), p.Skip(5).ToArray()), a.Concat(b).ToArray(), da.Concat(db).ToArray(), value);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 2)]
    public void SoftmaxOutput(int seed, int label)
    {
        double[] z = Random(seed, 4, 2.0);
        double[] dz = new double[z.Length];
        double value = L.SoftmaxOutputGradient(z, label, dz);
        Check(p => L.SoftmaxOutput(p, label), z, dz, value);
    }

    [Fact]
    public void MatrixData()
    {
        double[] w = Random(4, 3);
        var x = new double[4, 3];
        double[] flat = Random(5, 12);
        for (int i = 0; i < 12; i++)
        {
            x[i / 3, i % 3] = flat[i];
        }

        int[] labels = { 1, 0, 0, 1 };
        double[] dw = new double[3];
        double value = L.MatrixDataGradient(w, x, labels, dw);
        Check(p => L.MatrixData(p, x, labels), w, dw, value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void InvariantsAndRegulariser(int seed)
    {
        double[] a = Random(seed, 5);
        double[] da = new double[a.Length];
        double value = L.InvariantsAndRegulariserGradient(0.3, a, 0.25, out double dLogScale, da, out double dLambda);
        Check(
            p => L.InvariantsAndRegulariser(p[0], p.Skip(1).Take(5).ToArray(), p[6]),
            new[] { 0.3 }.Concat(a).Append(0.25).ToArray(),
            new[] { dLogScale }.Concat(da).Append(dLambda).ToArray(),
            value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ScratchRewritten(int seed)
    {
        double[] a = Random(seed, 4);
        double[] da = new double[a.Length];
        double value = L.ScratchRewrittenGradient(a, 0.4, da, out double dx);
        Check(p => L.ScratchRewritten(p.Take(4).ToArray(), p[4]), a.Append(0.4).ToArray(), da.Append(dx).ToArray(), value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ScratchOverwrittenAfterRead(int seed)
    {
        double[] a = Random(seed, 4);
        double[] da = new double[a.Length];
        double value = L.ScratchOverwrittenAfterReadGradient(a, da);
        Check(L.ScratchOverwrittenAfterRead, a, da, value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ScratchCarriedToNextIteration(int seed)
    {
        double[] a = Random(seed, 4);
        double[] da = new double[a.Length];
        double value = L.ScratchCarriedToNextIterationGradient(a, da);
        Check(L.ScratchCarriedToNextIteration, a, da, value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ElementIncrements(int seed)
    {
        double[] a = Random(seed, 4);
        double[] da = new double[a.Length];
        double value = L.ElementIncrementsGradient(a, da);
        Check(L.ElementIncrements, a, da, value);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ScratchPerComponent(int seed)
    {
        double[] mu = Random(seed, 6);
        double[] x = Random(seed + 5, 2);
        double[] dmu = new double[mu.Length];
        double value = L.ScratchPerComponentGradient(mu, x, 3, dmu);
        Check(p => L.ScratchPerComponent(p, x, 3), mu, dmu, value);
    }

    [Fact]
    public void MeanWithCount()
    {
        double[] a = Random(7, 5);
        double[] da = new double[a.Length];
        double value = L.MeanWithCountGradient(a, da);
        Check(L.MeanWithCount, a, da, value);
    }

    [Fact]
    public void SoftmaxKeepsItsLengthCheckInTheGradient()
    {
        Assert.Throws<ArgumentException>(() => L.SoftmaxOutputGradient(new double[3], 0, new double[3]) + SoftmaxWithLongerOutput());
    }

    private static double SoftmaxWithLongerOutput() => SoftmaxModels.LongerOutputGradient(new double[] { 0.1, 0.2 }, new double[2]);

    [Fact]
    public void GradientSpansAreOverwrittenNotAccumulated()
    {
        double[] x = { 1.0, 2.0, 3.0 };
        double[] dx = { 100.0, 100.0, 100.0 };
        L.SumOfSquaresGradient(x, dx);
        double norm = Math.Sqrt(14.0);
        Assert.Equal(new[] { 1.0 / norm, 2.0 / norm, 3.0 / norm }, dx, new Tolerance(1e-15));
    }

    [Fact]
    public void AGradientSpanOfTheWrongLengthNamesTheParameter()
    {
        var exception = Assert.Throws<ArgumentException>(() => L.SumOfSquaresGradient(new double[3], new double[2]));
        Assert.Equal("dx", exception.ParamName);
        Assert.Contains("'x' (3)", exception.Message);
    }

    private sealed class Tolerance : System.Collections.Generic.IEqualityComparer<double>
    {
        private readonly double tolerance;

        public Tolerance(double tolerance) => this.tolerance = tolerance;

        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
