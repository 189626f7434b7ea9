using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Models;
using Xunit;

namespace SymGrad.Consumer.Tests.Extremes;

/// <summary>
/// Numerical extremes: for every <c>SymMath</c> function and every seed model, the generated
/// gradient is finite wherever the value is finite (logits of +-1000 in softmax and log-softmax,
/// Sigmoid(+-800), Softplus(800), saturated hidden units), and where a closed form is known it is
/// also right. Naive binary cross-entropy is the documented counter-example: its value itself stops
/// being finite, which is why docs/reliability.md tells users to write softplus(z) - y z.
/// </summary>
public class ExtremeValueTests
{
    private static readonly double[] Scalars = { -1000, -800, -745, -710, -40, -1, 0, 1, 40, 710, 745, 800, 1000 };

    private static void AssertFiniteWhereValueFinite(string what, double value, IEnumerable<double> gradient)
    {
        if (double.IsFinite(value))
        {
            double[] g = gradient.ToArray();
            Assert.True(g.All(double.IsFinite), $"{what}: value {value:R} is finite but the gradient is ({string.Join(", ", g.Select(v => v.ToString("R")))})");
        }
    }

    private static double ReferenceSigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    [Fact]
    public void ScalarFunctionsHaveFiniteRightGradientsAtExtremes()
    {
        foreach (double x in Scalars)
        {
            double s = ExtremeModels.SigmoidGradient(x, out double ds);
            Assert.True(double.IsFinite(s) && double.IsFinite(ds), $"Sigmoid({x}): {s}, {ds}");
            Assert.Equal(ReferenceSigmoid(x) * (1 - ReferenceSigmoid(x)), ds, 12);

            double sp = ExtremeModels.SoftplusGradient(x, out double dsp);
            Assert.True(double.IsFinite(sp) && double.IsFinite(dsp), $"Softplus({x}): {sp}, {dsp}");
            Assert.Equal(ReferenceSigmoid(x), dsp, 12);

            double r = ExtremeModels.ReluGradient(x, out double dr);
            Assert.Equal(x > 0 ? 1.0 : 0.0, dr);
            Assert.Equal(Math.Max(x, 0), r);
        }

        Assert.Equal(800.0, ExtremeModels.SoftplusGradient(800, out double d800));
        Assert.Equal(1.0, d800);
    }

    public static TheoryData<double[]> Logits() => new()
    {
        new[] { 1000.0, -1000.0, 0.0 },
        new[] { -1000.0, -1000.0, -1000.0 },
        new[] { 1000.0, 1000.0, 999.0 },
        new[] { 800.0, -800.0, 0.5, 1e-300 },
    };

    [Theory]
    [MemberData(nameof(Logits))]
    public void LogSumExpAndLogSoftmaxHaveSoftmaxGradientsAtExtremeLogits(double[] z)
    {
        double[] softmax = Softmax(z);
        double[] dz = new double[z.Length];

        double lse = ExtremeModels.LogSumExpGradient(z, dz);
        AssertFiniteWhereValueFinite("LogSumExp", lse, dz);
        Assert.True(double.IsFinite(lse));
        AssertClose(softmax, dz);

        for (int k = 0; k < z.Length; k++)
        {
            double value = ExtremeModels.LogSoftmaxGradient(z, k, dz);
            Assert.True(double.IsFinite(value), $"LogSoftmax(z, {k}) = {value}");
            AssertFiniteWhereValueFinite($"LogSoftmax(z, {k})", value, dz);
            AssertClose(softmax.Select((p, j) => (j == k ? 1 : 0) - p).ToArray(), dz);
        }
    }

    [Theory]
    [MemberData(nameof(Logits))]
    public void SoftmaxHasFiniteRightGradientsAtExtremeLogits(double[] z)
    {
        double[] w = z.Select((_, j) => 0.5 + j).ToArray();
        double[] p = Softmax(z);
        double mean = p.Zip(w, (a, b) => a * b).Sum();
        double[] dz = new double[z.Length];

        double value = ExtremeModels.SoftmaxWeightedGradient(z, w, dz);

        Assert.Equal(mean, value, 12);
        AssertFiniteWhereValueFinite("Softmax", value, dz);
        AssertClose(p.Select((pj, j) => pj * (w[j] - mean)).ToArray(), dz);
    }

    [Fact]
    public void DotHasFiniteGradientsUpToOverflow()
    {
        double[] a = { 1e154, -1e154, 3 };
        double[] b = { 1e153, 2, -1e-300 };
        double[] da = new double[3];
        double[] db = new double[3];

        double value = ExtremeModels.DotGradient(a, b, da, db);

        AssertFiniteWhereValueFinite("Dot", value, da.Concat(db));
        Assert.Equal(b, da);
        Assert.Equal(a, db);
    }

    [Fact]
    public void StableBinaryCrossEntropyIsFiniteEverywhereAndNaiveIsNot()
    {
        foreach (double z in Scalars)
        {
            foreach (double y in new[] { 0.0, 0.3, 1.0 })
            {
                double stable = ExtremeModels.StableBinaryCrossEntropyGradient(z, y, out double dStable);
                Assert.True(double.IsFinite(stable) && double.IsFinite(dStable), $"stable BCE at z = {z}, y = {y}: {stable}, {dStable}");
                Assert.Equal(ReferenceSigmoid(z) - y, dStable, 12);
            }
        }

        // The naive form is exact only where sigmoid(z) is representable away from 0 and 1.
        double moderate = ExtremeModels.NaiveBinaryCrossEntropyGradient(-1, 0.3, out double dModerate);
        Assert.Equal(ExtremeModels.StableBinaryCrossEntropy(-1, 0.3), moderate, 12);
        Assert.Equal(ReferenceSigmoid(-1) - 0.3, dModerate, 12);

        // The reason for the stable form: sigmoid(40) rounds to 1, sigmoid(-800) underflows to 0, and the log of the other class is -inf.
        Assert.False(double.IsFinite(ExtremeModels.NaiveBinaryCrossEntropy(40, 0.3)));
        Assert.False(double.IsFinite(ExtremeModels.NaiveBinaryCrossEntropy(-800, 0.3)));
        Assert.Equal(40 - 0.3 * 40, ExtremeModels.StableBinaryCrossEntropy(40, 0.3), 12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(100.0)]
    [InlineData(1000.0)]
    public void SeedModelsHaveFiniteGradientsWithHugeWeights(double scale)
    {
        var random = new Random(14);
        double[] Rand(int length, double s) => Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2 - 1) * s).ToArray();
        int m = 6, n = 3, h = 4, k = 3;
        double[] x = Rand(m * n, 2.0);
        double[] t = Enumerable.Range(0, m).Select(i => (double)(i % 2)).ToArray();
        int[] y = Enumerable.Range(0, m).Select(i => i % k).ToArray();

        double[] theta = Rand(n + 1, scale);
        double[] dTheta = new double[theta.Length];
        AssertFiniteWhereValueFinite("LogisticUnit.Output", LogisticUnit.OutputGradient(theta, x.AsSpan(0, n), dTheta), dTheta);

        double[] w = Rand(n + 1, scale);
        double[] dw = new double[w.Length];
        double logistic = LogisticRegression.LossGradient(w, x, t, n, dw);
        Assert.True(double.IsFinite(logistic));
        AssertFiniteWhereValueFinite("LogisticRegression.Loss", logistic, dw);

        double[] ws = Rand(k * (n + 1), scale);
        double[] dws = new double[ws.Length];
        double softmax = SoftmaxRegression.LossGradient(ws, x, y, n, k, dws);
        Assert.True(double.IsFinite(softmax));
        AssertFiniteWhereValueFinite("SoftmaxRegression.Loss", softmax, dws);

        double[] pr = TwoLayerNetwork.InitialParameters(n, h, 1, seed: 3).Select(v => v * scale).ToArray();
        double[] dpr = new double[pr.Length];
        AssertFiniteWhereValueFinite("TwoLayerNetwork.RegressionLoss", TwoLayerNetwork.RegressionLossGradient(pr, x, t, n, h, dpr), dpr);

        double[] pb = TwoLayerNetwork.InitialParameters(n, h, 1, seed: 7).Select(v => v * scale).ToArray();
        double[] dpb = new double[pb.Length];
        double binary = TwoLayerNetwork.BinaryLossGradient(pb, x, t, n, h, dpb);
        Assert.True(double.IsFinite(binary));
        AssertFiniteWhereValueFinite("TwoLayerNetwork.BinaryLoss", binary, dpb);

        double[] pm = TwoLayerNetwork.InitialParameters(n, h, k, seed: 11).Select(v => v * scale).ToArray();
        double[] dpm = new double[pm.Length];
        double multiclass = TwoLayerNetwork.MulticlassLossGradient(pm, x, y, n, h, k, dpm);
        Assert.True(double.IsFinite(multiclass));
        AssertFiniteWhereValueFinite("TwoLayerNetwork.MulticlassLoss", multiclass, dpm);

        double big = 1e3 * scale;
        AssertFiniteWhereValueFinite("Gates.Max", Gates.MaxGradient(big, -big, out double mx, out double my), new[] { mx, my });
        AssertFiniteWhereValueFinite("Gates.Multiply", Gates.MultiplyGradient(big, -big, out double ux, out double uy), new[] { ux, uy });
        AssertFiniteWhereValueFinite("Gates.Graph", Gates.GraphGradient(big, -big, 2.0, out double gx, out double gy), new[] { gx, gy });
    }

    private static double[] Softmax(double[] z)
    {
        double max = z.Max();
        double[] e = z.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * (1 + Math.Abs(expected[i])), $"entry {i}: expected {expected[i]:R}, generated {actual[i]:R}");
        }
    }

    /// <summary>
    /// The side of a min or max that is not taken contributes exactly 0, even where its partial is infinite (the log at
    /// 0) or where its argument overflowed (atan of cosh 800): its reverse code runs only when its adjoint is not 0, in the
    /// gradient and in the Hessian-vector product alike.
    /// </summary>
    [Fact]
    public void TheSideOfAMinOrMaxNotTakenContributesNothingWhereItsPartialIsInfinite()
    {
        Assert.Equal(-5.0, ExtremeModels.MaxOfLogGradient(0.0, out double dx));
        Assert.Equal(1.0, dx);
        ExtremeModels.MaxOfLogHessianVectorProduct(0.0, 1.0, out double hvx);
        Assert.Equal(0.0, hvx);
        ExtremeModels.MaxOfLogTangent(0.0, 1.0, out double tangent);
        Assert.Equal(1.0, tangent);

        // Where the max takes the log: 1 / x + 1, and the second derivative -1 / x^2.
        ExtremeModels.MaxOfLogGradient(2.0, out dx);
        Assert.Equal(1.5, dx, 14);
        ExtremeModels.MaxOfLogHessianVectorProduct(2.0, 1.0, out hvx);
        Assert.Equal(-0.25, hvx, 14);

        // The min takes 2 atan(cosh 800) = pi, whose derivative rounds to 0 there (cosh 800 overflows to Inf), so the
        // gradient's guard skips the cosh's 0 * Inf, and forward mode's strong zeros give the tangent and the
        // Hessian-vector product without it (the tangent of the atan's partial divides Inf by Inf).
        Assert.Equal(800.0 + Math.PI, ExtremeModels.MinOfSaturatedGradient(800.0, out dx), 12);
        Assert.Equal(1.0, dx);
        ExtremeModels.MinOfSaturatedTangent(800.0, 1.0, out tangent);
        Assert.Equal(1.0, tangent);
        ExtremeModels.MinOfSaturatedHessianVectorProduct(800.0, 1.0, out hvx);
        Assert.Equal(0.0, hvx);

        // At x = 1 the min takes x: derivative 2.
        ExtremeModels.MinOfSaturatedGradient(1.0, out dx);
        Assert.Equal(2.0, dx);
    }

    /// <summary>
    /// A guarded adjoint that is 0 by value (a factor at 0), not by path: its tangent is not 0, and the Hessian-vector
    /// product and the Hessian must keep the tangent's terms (a review of the guards for the side of a min or max not
    /// taken found them dropped).
    /// </summary>
    [Fact]
    public void AnAdjointZeroByValueKeepsItsTangentInTheHessian()
    {
        // d/dx (log x * y) = y / x; along (0, 1) the product's x entry is 1 / x = 1 at x = 1.
        ExtremeModels.MaxOfLogTimesHessianVectorProduct(1.0, 0.0, 0.0, 1.0, out double hvx, out double hvy);
        Assert.Equal(1.0, hvx);
        Assert.Equal(0.0, hvy);
        var hessian = new double[4];
        ExtremeModels.MaxOfLogTimesHessian(1.0, 0.0, out _, out _, hessian);
        Assert.Equal(new[] { 0.0, 1.0, 1.0, 0.0 }, hessian);

        // d/dx_i (sum of squares * y) = 2 x_i y; along (0, 0, 1) the product's x entries are 2 x_i = 2.
        double[] x = { 1.0, 1.0 };
        var hvxs = new double[2];
        ExtremeModels.MaxOfSquaresTimesHessianVectorProduct(x, 0.0, new double[2], 1.0, hvxs, out double hvy2);
        Assert.Equal(new[] { 2.0, 2.0 }, hvxs);
        Assert.Equal(0.0, hvy2);
        var full = new double[9];
        ExtremeModels.MaxOfSquaresTimesHessian(x, 0.0, new double[2], out _, full);
        Assert.Equal(2.0, full[2]);
        Assert.Equal(2.0, full[6]);
    }

    public delegate double Tangent1(double x, double tx, out double tangent);

    public delegate double Product1(double x, double vx, out double hvx);

    public delegate double Hessian1(double x, out double dx, Span<double> hessian);

    /// <summary>A saturating model's generated methods and the points where it saturates (its argument overflows).</summary>
    public sealed record SaturatingModel(string Name, Func<double, double> F, Gradient1 Gradient, Tangent1 Tangent, Product1 Product, Hessian1 Hessian, double[] Saturated)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<SaturatingModel> SaturatingModels => new()
    {
        new("atan(cosh(cosh x))", ExtremeModels.AtanOfCoshCosh, ExtremeModels.AtanOfCoshCoshGradient, ExtremeModels.AtanOfCoshCoshTangent, ExtremeModels.AtanOfCoshCoshHessianVectorProduct, ExtremeModels.AtanOfCoshCoshHessian, new[] { 7.5, 8.0, 50.0, -8.0 }),
        new("tanh(exp x)", ExtremeModels.TanhOfExp, ExtremeModels.TanhOfExpGradient, ExtremeModels.TanhOfExpTangent, ExtremeModels.TanhOfExpHessianVectorProduct, ExtremeModels.TanhOfExpHessian, new[] { 710.0, 800.0 }),
        new("sigmoid(exp x)", ExtremeModels.SigmoidOfExp, ExtremeModels.SigmoidOfExpGradient, ExtremeModels.SigmoidOfExpTangent, ExtremeModels.SigmoidOfExpHessianVectorProduct, ExtremeModels.SigmoidOfExpHessian, new[] { 710.0, 800.0 }),
        new("softplus(-exp x)", ExtremeModels.SoftplusOfMinusExp, ExtremeModels.SoftplusOfMinusExpGradient, ExtremeModels.SoftplusOfMinusExpTangent, ExtremeModels.SoftplusOfMinusExpHessianVectorProduct, ExtremeModels.SoftplusOfMinusExpHessian, new[] { 710.0, 800.0 }),
        new("exp(-exp x)", ExtremeModels.ExpOfMinusExp, ExtremeModels.ExpOfMinusExpGradient, ExtremeModels.ExpOfMinusExpTangent, ExtremeModels.ExpOfMinusExpHessianVectorProduct, ExtremeModels.ExpOfMinusExpHessian, new[] { 710.0, 800.0 }),
        new("1 / (1 + exp(-x))", ExtremeModels.HandWrittenLogistic, ExtremeModels.HandWrittenLogisticGradient, ExtremeModels.HandWrittenLogisticTangent, ExtremeModels.HandWrittenLogisticHessianVectorProduct, ExtremeModels.HandWrittenLogisticHessian, new[] { -710.0, -800.0 }),
        new("(exp x)^-2", ExtremeModels.PowerOfExp, ExtremeModels.PowerOfExpGradient, ExtremeModels.PowerOfExpTangent, ExtremeModels.PowerOfExpHessianVectorProduct, ExtremeModels.PowerOfExpHessian, new[] { 710.0, 800.0 }),
    };

    /// <summary>
    /// Where a saturating function's argument has overflowed, its value is finite and its derivative 0: the gradient
    /// (the reverse sweep's guards), the tangent, the Hessian-vector product and the Hessian (forward mode's strong
    /// zeros) all give 0, not 0 * Inf = NaN. Where nothing overflows they are the derivatives, checked against central
    /// differences of the method and of its gradient.
    /// </summary>
    [Theory]
    [MemberData(nameof(SaturatingModels))]
    public void ASaturatedFunctionHasZeroDerivativesInEveryMode(SaturatingModel model)
    {
        foreach (double x in model.Saturated)
        {
            double value = model.F(x);
            Assert.True(double.IsFinite(value), $"{model}: the value at {x} is {value}");
            Assert.Equal(value, model.Gradient(x, out double dx));
            Assert.Equal(0.0, dx);
            Assert.Equal(value, model.Tangent(x, 1.0, out double tangent));
            Assert.Equal(0.0, tangent);
            model.Product(x, 1.0, out double hvx);
            Assert.Equal(0.0, hvx);
            var hessian = new double[1];
            model.Hessian(x, out double hessianDx, hessian);
            Assert.Equal(0.0, hessianDx);
            Assert.Equal(0.0, hessian[0]);
        }

        foreach (double x in new[] { -1.5, -0.25, 0.5, 1.25 })
        {
            FiniteDifferences.Check(model.F, model.Gradient, x);
            model.Gradient(x, out double dx);
            model.Tangent(x, 0.75, out double tangent);
            Assert.True(Math.Abs(tangent - 0.75 * dx) <= 1e-12 * (1 + Math.Abs(tangent)), $"{model} at {x}: tangent {tangent:R}, gradient {dx:R}");
            const double step = 1e-6;
            model.Gradient(x + step, out double above);
            model.Gradient(x - step, out double below);
            double second = (above - below) / (2 * step);
            model.Product(x, 1.0, out double hvx);
            Assert.True(Math.Abs(hvx - second) <= 1e-5 * (1 + Math.Abs(second)), $"{model} at {x}: Hessian-vector product {hvx:R}, differences of the gradient {second:R}");
            var hessian = new double[1];
            model.Hessian(x, out _, hessian);
            Assert.Equal(hvx, hessian[0]);
        }
    }

    /// <summary>
    /// A statement guarded because its adjoint came through a saturating partial can still hand adjoints on through a
    /// min: those stay 0 by the path, and the code below them keeps its guard (a review found a/s's reverse code
    /// unguarded, 0 / 0 = NaN at s = 0, in a first version).
    /// </summary>
    [Fact]
    public void AMinInsideASaturationGuardKeepsItsPathGuard()
    {
        ExtremeModels.ClampedExpRatioGradient(1.0, 0.0, out double da, out double ds);
        Assert.Equal(0.0, da);
        Assert.Equal(0.0, ds);
        ExtremeModels.ClampedExpRatioTangent(1.0, 0.0, 1.0, 1.0, out double tangent);
        Assert.Equal(0.0, tangent);
        FiniteDifferences.Check(ExtremeModels.ClampedExpRatio, ExtremeModels.ClampedExpRatioGradient, (1.0, 0.5), (2.0, -3.0), (0.3, 0.01));

        // A power's exponent hands its adjoint on through a select too (0 where the power is 0).
        ExtremeModels.PowerOfRatioGradient(1.0, 0.0, out da, out ds);
        Assert.Equal(0.0, da);
        Assert.Equal(0.0, ds);
        FiniteDifferences.Check(ExtremeModels.PowerOfRatio, ExtremeModels.PowerOfRatioGradient, (1.0, 0.5), (-2.0, 3.0));

        ExtremeModels.AtanOfClampedExpGradient(0.0, out double dw);
        Assert.Equal(0.0, dw);
        ExtremeModels.AtanOfClampedExpHessianVectorProduct(0.0, 1.0, out double hvw);
        Assert.Equal(0.0, hvw);
        FiniteDifferences.Check(ExtremeModels.AtanOfClampedExp, ExtremeModels.AtanOfClampedExpGradient, 0.3, 1.0, -2.0);
    }

    /// <summary>
    /// A quotient's tangent is tested for saturation by its divisor overflowing, and otherwise keeps the quotient rule's
    /// arithmetic, ta / b - tb a / b^2: at tiny or subnormal b, where 1 / b or a / b^2 overflows, it is what it was
    /// before strong zeros (a review found 0 * Inf = NaN where the partial was named first).
    /// </summary>
    [Fact]
    public void AQuotientsTangentKeepsItsArithmeticAtExtremeDivisors()
    {
        foreach ((double a, double b, double ta, double tb) in new[] { (1.0, 1e-160, 1.0, 0.0), (1.0, 1e-160, 0.0, 1.0), (1e-200, 1e100, 0.0, 1e200), (2.0, 3.0, 0.5, -0.25), (1.0, double.PositiveInfinity, 1.0, 1.0) })
        {
            double expected = double.IsInfinity(b) ? 0.0 : ta / b - tb * a / (b * b);
            ExtremeModels.QuotientTangent(a, b, ta, tb, out double tangent);
            Assert.Equal(expected, tangent);
        }

        // b = 1e160 is finite: only its square overflows, so a / b has not saturated, and the term keeps its arithmetic
        // (tb a overflows here, so NaN, as before) instead of turning into a 0 that would be wrong: the derivative is -1.
        ExtremeModels.QuotientTangent(1e300, 1e160, 0.0, 1e20, out double notSaturated);
        Assert.True(double.IsNaN(notSaturated) || Math.Abs(notSaturated + 1.0) <= 1e-12, $"a / b at (1e300, 1e160) along (0, 1e20): {notSaturated:R}");

        ExtremeModels.QuotientByDataTangent(1.0, 4e-309, 0.0, out double zero);
        Assert.Equal(0.0, zero);
        ExtremeModels.QuotientByDataTangent(1.0, 4e-309, 1e-10, out double huge);
        Assert.Equal(1e-10 / 4e-309, huge);

        // At ordinary points: the gradients against differences, the tangents against the gradients.
        FiniteDifferences.Check(ExtremeModels.Quotient, ExtremeModels.QuotientGradient, (2.0, 3.0), (-1.5, 0.25));
        FiniteDifferences.Check(x => ExtremeModels.QuotientByData(x, 3.0), (double x, out double dx) => ExtremeModels.QuotientByDataGradient(x, 3.0, out dx), 0.5, -2.0);
        ExtremeModels.QuotientGradient(-1.5, 0.25, out double da, out double db);
        ExtremeModels.QuotientTangent(-1.5, 0.25, 0.5, -0.75, out double along);
        Assert.Equal(0.5 * da - 0.75 * db, along, 12);
    }

    /// <summary>
    /// A power's tangent multiplies the direction by b, then by a^(b - 1), as the rule writes it: near the largest double
    /// the partial b a^(b - 1) alone overflows, and a strong-zero test must not make the finite tangent NaN or infinite
    /// (a review found both when the partial was named first).
    /// </summary>
    [Fact]
    public void APowersTangentKeepsItsArithmeticWhereItsPartialOverflows()
    {
        // Near the largest double b a^(b - 1) overflows; at a = 1e300, b = 1e-30 it underflows while ta b a^(b - 1) does not
        // (a third review found 0 there when the factors were tested as one product).
        foreach ((double a, double b, double ta, double tb) in new[] { (1.01, 71274.0, 0.0, 1.0), (1.01, 71274.0, 1e-5, 0.0), (1.01, 71274.0, 1e-5, 1.0), (1e300, 1e-30, 1e300, 0.0) })
        {
            double value = Math.Pow(a, b);
            Assert.True(double.IsFinite(value));
            double expected = ta * b * Math.Pow(a, b - 1.0) + tb * value * Math.Log(a);
            ExtremeModels.PowerTangent(a, b, ta, tb, out double tangent);
            Assert.True(double.IsFinite(tangent) && Math.Abs(tangent - expected) <= 1e-14 * Math.Abs(expected), $"at ({a}, {b}) along ({ta}, {tb}): {tangent:R}, expected {expected:R}");
        }

        // At ordinary points: the gradient against differences, the tangent against the gradient.
        FiniteDifferences.Check(ExtremeModels.Power, ExtremeModels.PowerGradient, (1.5, 2.5), (0.75, -1.25));
        ExtremeModels.PowerGradient(1.5, 2.5, out double da, out double db);
        ExtremeModels.PowerTangent(1.5, 2.5, 0.5, -0.75, out double along);
        Assert.Equal(0.5 * da - 0.75 * db, along, 12);
    }
}
