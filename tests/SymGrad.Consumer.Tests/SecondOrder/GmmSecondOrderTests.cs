using System;
using System.IO;
using System.Linq;
using SymGrad.Models.AdBench;
using Xunit;

namespace SymGrad.Consumer.Tests.SecondOrder;

/// <summary>
/// ADBench's GMM objective (issue 11): its tangent is the gradient dotted with the direction, its
/// Hessian-vector product equals central differences of its gradient, and its dense Hessian is
/// symmetric and made of those products, on ADBench's test input and on gmm_d2_K5.
/// </summary>
public sealed class GmmSecondOrderTests
{
    private static string AdBench(params string[] parts)
    {
        string data = Path.GetDirectoryName(SharedData.PathOf("iris.csv"))!;
        return Path.Combine(new[] { Path.GetDirectoryName(data)!, "adbench" }.Concat(parts).ToArray());
    }

    [Theory]
    [InlineData("test.txt")]
    [InlineData("1k", "gmm_d2_K5.txt")]
    public void TangentProductAndHessianAgreeWithTheGradient(params string[] path)
    {
        GmmInput g = GmmInput.Read(AdBench(new[] { "gmm" }.Concat(path).ToArray()));
        var random = new Random(5);
        double[] Direction(int length) => Enumerable.Range(0, length).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        double[] ta = Direction(g.Alphas.Length), tm = Direction(g.Means.Length), tq = Direction(g.Icf.Length);
        var da = new double[g.Alphas.Length];
        var dm = new double[g.Means.Length];
        var dq = new double[g.Icf.Length];
        double value = GmmObjective.ObjectiveGradient(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.WishartGamma, g.WishartM, da, dm, dq);

        double tangentValue = GmmObjective.ObjectiveTangent(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.WishartGamma, g.WishartM, ta, tm, tq, out double tangent);
        double expected = Dot(da, ta) + Dot(dm, tm) + Dot(dq, tq);
        // The gradient runs its points in row lanes (sums in another order, the vector exp and log): the documented
        // 1e-12 of the primal, not its bits. The tangent keeps the loops.
        Assert.True(Math.Abs(value - tangentValue) <= 1e-12 * Math.Abs(tangentValue), $"gradient's value {value:R}, tangent's {tangentValue:R}");
        Assert.True(Math.Abs(tangent - expected) <= 1e-10 * (1 + Math.Abs(expected)), $"tangent {tangent:R}, gradient · t {expected:R}");

        var ha = new double[da.Length];
        var hm = new double[dm.Length];
        var hq = new double[dq.Length];
        GmmObjective.ObjectiveHessianVectorProduct(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.WishartGamma, g.WishartM, ta, tm, tq, ha, hm, hq);
        double[] product = ha.Concat(hm).Concat(hq).ToArray();
        const double Step = 1e-5;
        double[] plus = GradientAt(g, ta, tm, tq, Step), minus = GradientAt(g, ta, tm, tq, -Step);
        double scale = product.Max(Math.Abs);
        for (int i = 0; i < product.Length; i++)
        {
            double central = (plus[i] - minus[i]) / (2 * Step);
            Assert.True(Math.Abs(product[i] - central) <= 1e-5 * (1 + scale), $"(H v)[{i}] = {product[i]:R}, central differences {central:R}");
        }

        int n = product.Length;
        var hessian = new double[n * n];
        GmmObjective.ObjectiveHessian(g.Alphas, g.Means, g.Icf, g.X, g.D, g.K, g.N, g.WishartGamma, g.WishartM, new double[da.Length], new double[dm.Length], new double[dq.Length], hessian);
        double largest = hessian.Max(Math.Abs);
        for (int i = 0; i < n; i++)
        {
            double row = 0;
            for (int j = 0; j < n; j++)
            {
                Assert.True(Math.Abs(hessian[i * n + j] - hessian[j * n + i]) <= 1e-9 * (1 + largest), $"H[{i},{j}] = {hessian[i * n + j]:R}, H[{j},{i}] = {hessian[j * n + i]:R}");
                row += hessian[i * n + j] * (j < ta.Length ? ta[j] : j < ta.Length + tm.Length ? tm[j - ta.Length] : tq[j - ta.Length - tm.Length]);
            }

            Assert.True(Math.Abs(row - product[i]) <= 1e-9 * (1 + scale), $"(H v)[{i}] from the dense Hessian {row:R}, from the product {product[i]:R}");
        }
    }

    private static double[] GradientAt(GmmInput g, double[] ta, double[] tm, double[] tq, double step)
    {
        double[] alphas = g.Alphas.Select((a, i) => a + step * ta[i]).ToArray();
        double[] means = g.Means.Select((a, i) => a + step * tm[i]).ToArray();
        double[] icf = g.Icf.Select((a, i) => a + step * tq[i]).ToArray();
        var da = new double[alphas.Length];
        var dm = new double[means.Length];
        var dq = new double[icf.Length];
        GmmObjective.ObjectiveGradient(alphas, means, icf, g.X, g.D, g.K, g.N, g.WishartGamma, g.WishartM, da, dm, dq);
        return da.Concat(dm).Concat(dq).ToArray();
    }

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
