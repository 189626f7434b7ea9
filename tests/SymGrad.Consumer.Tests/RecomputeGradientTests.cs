using System;
using System.Linq;
using Xunit;
using R = SymGrad.Consumer.Tests.RecomputeModels;

namespace SymGrad.Consumer.Tests;

/// <summary>
/// The models of <see cref="RecomputeModels"/> against central finite differences at random points, their tangents
/// against the gradient, and their Hessian-vector products against central differences of the gradient.
/// </summary>
public class RecomputeGradientTests
{
    private static readonly GradientCheckOptions Options = new(Step: 1e-6, RelativeTolerance: 1e-5, AbsoluteTolerance: 1e-6);

    private static double[] Random(Random random, int length, double scale = 1.0) =>
        Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2 - 1) * scale).ToArray();

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    public void WhitenedRecurrence(int seed, int d)
    {
        var random = new Random(seed);
        const int n = 4;
        int packedLength = d * (d + 1) / 2;
        double[] mean = Random(random, d), packed = Random(random, packedLength, 0.5), x = Random(random, n * d);
        double[] point = mean.Concat(packed).ToArray();
        double F(double[] p) => R.WhitenedRecurrence(p[..d], p[d..], x, d, n);

        double[] dMean = new double[d], dPacked = new double[packedLength];
        double value = R.WhitenedRecurrenceGradient(mean, packed, x, d, n, dMean, dPacked);
        FiniteDifferences.AssertValue(F(point), value);
        GradientCheckReport report = GradientCheck.Compare(F, point, dMean.Concat(dPacked).ToArray(), Options);
        Assert.True(report.Passed, report.ToString());

        double[] tMean = Random(random, d), tPacked = Random(random, packedLength);
        double tangentValue = R.WhitenedRecurrenceTangent(mean, packed, x, d, n, tMean, tPacked, out double tangent);
        FiniteDifferences.AssertValue(value, tangentValue);
        double expected = dMean.Zip(tMean, (g, t) => g * t).Sum() + dPacked.Zip(tPacked, (g, t) => g * t).Sum();
        Assert.True(Math.Abs(tangent - expected) <= 1e-10 * (1 + Math.Abs(expected)), $"tangent {tangent:R}, gradient · t {expected:R}");

        double[] hMean = new double[d], hPacked = new double[packedLength];
        R.WhitenedRecurrenceHessianVectorProduct(mean, packed, x, d, n, tMean, tPacked, hMean, hPacked);
        double[] Gradient(double step)
        {
            double[] gm = new double[d], gp = new double[packedLength];
            R.WhitenedRecurrenceGradient(mean.Select((m, i) => m + step * tMean[i]).ToArray(), packed.Select((q, i) => q + step * tPacked[i]).ToArray(), x, d, n, gm, gp);
            return gm.Concat(gp).ToArray();
        }

        AssertProduct(hMean.Concat(hPacked).ToArray(), Gradient);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ElementScratch(int seed)
    {
        var random = new Random(seed);
        double[] a = Random(random, 9);
        double x = 0.4 + random.NextDouble() * 0.3;
        double[] point = a.Append(x).ToArray();
        double F(double[] p) => R.ElementScratch(p[..^1], p[^1]);

        double[] da = new double[a.Length];
        double value = R.ElementScratchGradient(a, x, da, out double dx);
        FiniteDifferences.AssertValue(F(point), value);
        GradientCheckReport report = GradientCheck.Compare(F, point, da.Append(dx).ToArray(), Options);
        Assert.True(report.Passed, report.ToString());

        double[] ta = Random(random, a.Length);
        double tx = 0.3;
        double[] ha = new double[a.Length];
        R.ElementScratchHessianVectorProduct(a, x, ta, tx, ha, out double hx);
        AssertProduct(ha.Append(hx).ToArray(), step =>
        {
            double[] g = new double[a.Length];
            R.ElementScratchGradient(a.Select((v, i) => v + step * ta[i]).ToArray(), x + step * tx, g, out double gx);
            return g.Append(gx).ToArray();
        });
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 4)]
    public void TriangleWalk(int seed, int rows)
    {
        var random = new Random(seed);
        double[] a = Random(random, rows * (rows + 1) / 2 + 2);
        double x = 0.2 + random.NextDouble() * 0.5;
        double[] point = a.Append(x).ToArray();
        double F(double[] p) => R.TriangleWalk(p[..^1], p[^1], rows);

        double[] da = new double[a.Length];
        double value = R.TriangleWalkGradient(a, x, rows, da, out double dx);
        FiniteDifferences.AssertValue(F(point), value);
        GradientCheckReport report = GradientCheck.Compare(F, point, da.Append(dx).ToArray(), Options);
        Assert.True(report.Passed, report.ToString());

        double[] ta = Random(random, a.Length);
        double[] ha = new double[a.Length];
        R.TriangleWalkHessianVectorProduct(a, x, rows, ta, 0.5, ha, out double hx);
        AssertProduct(ha.Append(hx).ToArray(), step =>
        {
            double[] g = new double[a.Length];
            R.TriangleWalkGradient(a.Select((v, i) => v + step * ta[i]).ToArray(), x + step * 0.5, rows, g, out double gx);
            return g.Append(gx).ToArray();
        });
    }

    /// <summary>A Hessian-vector product against central differences of the gradient along the direction.</summary>
    private static void AssertProduct(double[] product, Func<double, double[]> gradientAlong)
    {
        const double Step = 1e-5;
        double[] plus = gradientAlong(Step), minus = gradientAlong(-Step);
        double scale = product.Max(Math.Abs);
        for (int i = 0; i < product.Length; i++)
        {
            double central = (plus[i] - minus[i]) / (2 * Step);
            Assert.True(Math.Abs(product[i] - central) <= 1e-5 * (1 + scale), $"(H v)[{i}] = {product[i]:R}, central differences {central:R}");
        }
    }
}
