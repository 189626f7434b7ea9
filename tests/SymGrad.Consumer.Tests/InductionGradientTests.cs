using System;
using System.Linq;
using Xunit;
using M = SymGrad.Consumer.Tests.InductionModels;

namespace SymGrad.Consumer.Tests;

/// <summary>
/// Gradients of models whose integers a loop steps by a fixed amount (<see cref="InductionModels"/>), read in closed
/// form: against central finite differences, the <c>ExactSums</c> twin (the reverse rows' loops as written) and, for
/// <c>float</c>, the checked <c>double</c> model. Triangle sizes put the rows around the kernels' steps of 4 and 16
/// (rows of d - 1 down to 0 elements).
/// </summary>
public sealed class InductionGradientTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(17)]
    [InlineData(21)]
    public void APackedTriangleMatchesFiniteDifferencesAndItsExactTwin(int d)
    {
        int size = d * (d - 1) / 2;
        double[] p = Uniform(d + size + d, d, 0.8);
        (double value, double[] dp) = Triangle(M.TriangleGradient, p, d);
        (double exact, double[] ep) = Triangle(M.TriangleExactGradient, p, d);

        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ep, dp);
        FiniteDifferences.CheckAt(q => M.Triangle(q[..d], q[d..(d + size)], q[(d + size)..], d), p, dp, value);
    }

    [Theory]
    [InlineData(1, 3)]
    [InlineData(2, 1)]
    [InlineData(5, 2)]
    [InlineData(10, 3)]
    [InlineData(18, 2)]
    public void AFloatTriangleMatchesItsDoubleTwin(int d, int points)
    {
        int size = d * (d - 1) / 2;
        double[] lower = Uniform(size, 3, 0.5), x = Uniform(d * points, 4, 1.0);
        double[] dLower = new double[size], dx = new double[d * points];
        double twin = M.TriangleDoubleGradient(lower, x, d, points, dLower, dx);
        FiniteDifferences.CheckAt(q => M.TriangleDouble(q[..size], q[size..], d, points), lower.Concat(x).ToArray(), dLower.Concat(dx).ToArray(), twin);

        float[] fLower = lower.Select(v => (float)v).ToArray(), fx = x.Select(v => (float)v).ToArray();
        float[] gLower = new float[size], gx = new float[d * points];
        float value = M.TriangleSingleGradient(fLower, fx, d, points, gLower, gx);
        FiniteDifferences.AssertFloatTwin(value, twin, gLower.Concat(gx).ToArray(), dLower.Concat(dx).ToArray(), 1e-4);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 0)]
    public void AStrideReadBeforeAndAfterItsStepMatchesFiniteDifferences(int n, int step)
    {
        double[] w = Uniform(2 + (n * step) + 2, 6, 1.0);
        double[] dw = new double[w.Length];
        double value = M.StridedGradient(w, n, step, dw);
        FiniteDifferences.CheckAt(q => M.Strided(q, n, step), w, dw, value);
    }

    [Theory]
    [InlineData(0, 5)]
    [InlineData(2, 5)]
    [InlineData(5, 5)]
    [InlineData(7, 3)]
    public void AnIndexSteppingDownOverAPossiblyEmptyRangeMatchesFiniteDifferences(int from, int to)
    {
        double[] w = Uniform(8, 7, 1.0), x = Uniform(8, 8, 1.0);
        double[] dw = new double[8], dx = new double[8];
        double value = M.DownwardsGradient(w, x, from, to, dw, dx);
        FiniteDifferences.CheckAt(q => M.Downwards(q[..8], q[8..], from, to), w.Concat(x).ToArray(), dw.Concat(dx).ToArray(), value);
    }

    [Theory]
    [InlineData(3, 0)]
    [InlineData(3, 1)]
    [InlineData(2, 4)]
    [InlineData(4, 5)]
    public void ACountSteppedByAParameterMatchesFiniteDifferences(int b, int c)
    {
        double[] w = Uniform(Math.Max(1, b * c), 9, 1.0);
        double[] dw = new double[w.Length];
        double value = M.MeanGradient(w, b, c, dw);
        FiniteDifferences.CheckAt(q => M.Mean(q, b, c), w, dw, value);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    public void ALoopFromIntMinValueMatchesFiniteDifferences(int n)
    {
        double[] w = Uniform(n + 2, 10, 1.0);
        double[] dw = new double[w.Length];
        double value = M.FromMinimumGradient(w, n, dw);
        FiniteDifferences.CheckAt(q => M.FromMinimum(q, n), w, dw, value);
    }

    [Theory]
    [InlineData(1, 2, 3)]
    [InlineData(2, 3, 2)]
    [InlineData(5, 2, 3)]
    [InlineData(10, 2, 2)]
    [InlineData(19, 1, 2)]
    public void GmmsComponentShapeMatchesFiniteDifferencesItsExactTwinAndItsFloatTwin(int d, int k, int n)
    {
        int size = d * (d - 1) / 2;
        double[] p = Uniform((k * size) + (k * d), d + 20, 0.5);
        double[] x = Uniform(n * d, d + 21, 1.0);
        (double, double[]) Run(ComponentsGradient gradient)
        {
            double[] dl = new double[k * size], dm = new double[k * d];
            double value = gradient(p[..(k * size)], p[(k * size)..], x, d, k, n, dl, dm);
            return (value, dl.Concat(dm).ToArray());
        }

        (double value, double[] dp) = Run(M.ComponentsGradient);
        (double exact, double[] ep) = Run(M.ComponentsExactGradient);
        FiniteDifferences.AssertValue(exact, value);
        FiniteDifferences.AssertCloseToTwin(ep, dp);
        FiniteDifferences.CheckAt(q => M.Components(q[..(k * size)], q[(k * size)..], x, d, k, n), p, dp, value);

        float[] F(double[] a) => a.Select(v => (float)v).ToArray();
        float[] gl = new float[k * size], gm = new float[k * d];
        float single = M.ComponentsSingleGradient(F(p[..(k * size)]), F(p[(k * size)..]), F(x), d, k, n, gl, gm);
        FiniteDifferences.AssertFloatTwin(single, value, gl.Concat(gm).ToArray(), dp, 1e-4);
    }

    private delegate double ComponentsGradient(double[] lower, double[] means, double[] x, int d, int k, int n, Span<double> dLower, Span<double> dMeans);

    private static (double Value, double[] Gradient) Triangle(TriangleGradient gradient, double[] p, int d)
    {
        int size = d * (d - 1) / 2;
        double[] dq = new double[d], dl = new double[size], dx = new double[d];
        double value = gradient(p[..d], p[d..(d + size)], p[(d + size)..], d, dq, dl, dx);
        return (value, dq.Concat(dl).Concat(dx).ToArray());
    }

    private delegate double TriangleGradient(double[] logDiagonal, double[] lower, double[] x, int d, Span<double> dLogDiagonal, Span<double> dLower, Span<double> dx);

    private static double[] Uniform(int length, int seed, double scale)
    {
        var random = new Random(seed + (length * 7));
        return Enumerable.Range(0, length).Select(_ => scale * ((random.NextDouble() * 2) - 1)).ToArray();
    }
}
