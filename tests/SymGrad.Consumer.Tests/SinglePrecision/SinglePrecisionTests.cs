using System;
using System.Linq;
using Xunit;
using D = SymGrad.Consumer.Tests.SinglePrecision.DoubleTwins;
using R = SymGrad.Consumer.Tests.RecomputeModels;
using S = SymGrad.Consumer.Tests.SinglePrecision.SingleModels;
using T = SymGrad.Consumer.Tests.Vectorised.TileModels;

namespace SymGrad.Consumer.Tests.SinglePrecision;

/// <summary>
/// <c>float</c> models against their <c>double</c> twins (docs/single-precision.md): the twin's gradient is
/// checked against central finite differences, and the <c>float</c> gradient must agree with it to within
/// <c>float</c> rounding (<see cref="Tolerance"/> of the largest partial); the returned value must be the
/// <c>float</c> method's within the same tolerance (the <c>float</c> dot-product kernel reorders sums) and the
/// twin's within it. Lengths cover the <c>float</c> kernels' widths: 0, 1, 7, 8, 9, 31, 32, 33 and 100.
/// </summary>
public sealed class SinglePrecisionTests
{
    /// <summary>Relative agreement asked of a <c>float</c> result with its <c>double</c> twin's (u = 6e-8 times sums of up to a few hundred terms).</summary>
    private const double Tolerance = 1e-4;

    public static TheoryData<int> Lengths() => new() { 0, 1, 7, 8, 9, 31, 32, 33, 100 };

    [Theory]
    [MemberData(nameof(Lengths))]
    public void LogisticGradientAgreesWithTheDoubleTwinsCheckedGradient(int n)
    {
        const int M = 5;
        double[] w = Inputs(n, 1, 0.3), x = Inputs(M * n, 2, 1.0), y = Enumerable.Range(0, M).Select(i => (double)(i % 2)).ToArray();
        double[] dw = new double[n];
        double value = D.LogisticGradient(w, x, y, M, n, dw);
        FiniteDifferences.CheckAt(p => D.Logistic(p, x, y, M, n), w, dw, value);

        float[] dwSingle = new float[n];
        float single = S.LogisticGradient(Floats(w), Floats(x), Floats(y), M, n, dwSingle);

        AssertClose(value, single);
        AssertClose(S.Logistic(Floats(w), Floats(x), Floats(y), M, n), single);
        AssertClose(dw, dwSingle);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void LogisticTangentAndHessianVectorProductAgreeWithTheTwins(int n)
    {
        const int M = 4;
        double[] w = Inputs(n, 3, 0.3), x = Inputs(M * n, 4, 1.0), y = Enumerable.Range(0, M).Select(i => (double)(i % 2)).ToArray();
        double[] direction = Inputs(n, 5, 1.0);
        double tangent = D.LogisticTangent(w, x, y, M, n, direction, out double dValue);
        double[] gradient = new double[n];
        D.LogisticGradient(w, x, y, M, n, gradient);
        AssertClose(gradient.Zip(direction, (g, d) => g * d).Sum(), dValue);

        S.LogisticTangent(Floats(w), Floats(x), Floats(y), M, n, Floats(direction), out float dSingle);
        AssertClose(dValue, dSingle);

        double[] hv = new double[n];
        float[] hvSingle = new float[n];
        D.LogisticHessianVectorProduct(w, x, y, M, n, direction, hv);
        S.LogisticHessianVectorProduct(Floats(w), Floats(x), Floats(y), M, n, Floats(direction), hvSingle);
        AssertClose(hv, hvSingle);
        Assert.True(tangent == D.Logistic(w, x, y, M, n) || Math.Abs(tangent - D.Logistic(w, x, y, M, n)) <= 1e-12 * Math.Abs(tangent));
    }

    [Theory]
    [InlineData(1, 1, 2)]
    [InlineData(7, 3, 3)]
    [InlineData(33, 8, 10)]
    public void SoftmaxGradientAgreesWithTheDoubleTwinsCheckedGradient(int n, int m, int k)
    {
        double[] w = Inputs(k * n, 6, 0.3), x = Inputs(m * n, 7, 1.0);
        int[] labels = Enumerable.Range(0, m).Select(i => i % k).ToArray();
        double[] dw = new double[w.Length];
        double value = D.SoftmaxGradient(w, x, labels, m, n, k, dw);
        FiniteDifferences.CheckAt(p => D.Softmax(p, x, labels, m, n, k), w, dw, value);

        float[] dwSingle = new float[w.Length];
        float single = S.SoftmaxGradient(Floats(w), Floats(x), labels, m, n, k, dwSingle);
        AssertClose(value, single);
        AssertClose(dw, dwSingle);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    public void TapedRecurrenceCallsAndCustomDerivativeAgreeWithTheTwins(int n)
    {
        double[] v = Inputs(Math.Max(n, 1), 8, 0.8);
        const double A = 0.7;
        double[] dv = new double[v.Length];
        double value = D.CallerGradient(v, A, dv, out double da);
        FiniteDifferences.CheckAt(p => D.Caller(p[..^1], p[^1]), v.Append(A).ToArray(), dv.Append(da).ToArray(), value);

        float[] dvSingle = new float[v.Length];
        float single = S.CallerGradient(Floats(v), (float)A, dvSingle, out float daSingle);
        Assert.Equal(S.Caller(Floats(v), (float)A), single);
        AssertClose(value, single);
        AssertClose(dv.Append(da).ToArray(), dvSingle.Append(daSingle).ToArray());

        double[] rv = new double[v.Length];
        double recurrence = D.RecurrenceGradient(v, A, rv, out double ra);
        float[] rvSingle = new float[v.Length];
        S.RecurrenceGradient(Floats(v), (float)A, rvSingle, out float raSingle);
        AssertClose(rv.Append(ra).ToArray(), rvSingle.Append(raSingle).ToArray());
        S.RecurrenceTangent(Floats(v), (float)A, new float[v.Length], 1f, out float tangent);
        AssertClose(ra, tangent);
        Assert.True(double.IsFinite(recurrence));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(9)]
    public void VectorValuedJacobianAgreesWithTheTwin(int n)
    {
        double[] z = Inputs(n, 9, 1.0);
        const double T = 1.5;
        double[] jacobian = new double[n * (n + 1)];
        float[] jacobianSingle = new float[n * (n + 1)];
        D.ScaledJacobian(z, T, new double[n], jacobian);
        S.ScaledJacobian(Floats(z), (float)T, new float[n], jacobianSingle);
        AssertClose(jacobian, jacobianSingle);

        // One row of the twin's Jacobian against central differences of its output.
        for (int row = 0; row < n; row++)
        {
            int r = row;
            double[] point = z.Append(T).ToArray();
            double[] analytic = Enumerable.Range(0, n + 1).Select(c => jacobian[r * (n + 1) + c]).ToArray();
            double Output(double[] p)
            {
                double[] output = new double[n];
                D.Scaled(p[..n], p[n], output);
                return output[r];
            }

            FiniteDifferences.CheckAt(Output, point, analytic, Output(point));
        }
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 4)]
    [InlineData(9, 3)]
    public void RestoredAndRecomputedScratchArraysAgreeWithTheTwins(int d, int n)
    {
        double[] mean = Inputs(d, 12, 0.5), packed = Inputs(d * (d + 1) / 2, 13, 0.3), x = Inputs(n * d, 14, 1.0);
        double[] dMean = new double[d], dPacked = new double[packed.Length];
        double value = R.WhitenedRecurrenceGradient(mean, packed, x, d, n, dMean, dPacked);
        FiniteDifferences.CheckAt(p => R.WhitenedRecurrence(p[..d], p[d..], x, d, n), mean.Concat(packed).ToArray(), dMean.Concat(dPacked).ToArray(), value);

        float[] sMean = new float[d], sPacked = new float[packed.Length];
        float single = S.WhitenedRecurrenceGradient(Floats(mean), Floats(packed), Floats(x), d, n, sMean, sPacked);
        Assert.Equal(S.WhitenedRecurrence(Floats(mean), Floats(packed), Floats(x), d, n), single);
        AssertClose(value, single);
        AssertClose(dMean.Concat(dPacked).ToArray(), sMean.Concat(sPacked).ToArray());

        double[] a = Inputs(4 * d + 2, 15, 0.7);
        double[] da = new double[a.Length];
        double scratch = R.ElementScratchGradient(a, 0.4, da, out double dx);
        FiniteDifferences.CheckAt(p => R.ElementScratch(p[..^1], p[^1]), a.Append(0.4).ToArray(), da.Append(dx).ToArray(), scratch);
        float[] sa = new float[a.Length];
        S.ElementScratchGradient(Floats(a), 0.4f, sa, out float sdx);
        AssertClose(da.Append(dx).ToArray(), sa.Append(sdx).ToArray());
    }

    [Fact]
    public void TheFloatGradientPassesTheFloatGradientCheck()
    {
        float[] v = Floats(Inputs(9, 10, 0.8));
        float[] dv = new float[v.Length];
        S.CallerGradient(v, 0.7f, dv, out float da);

        GradientCheckReport report = GradientCheck.Compare(p => S.Caller(p[..^1], p[^1]), v.Append(0.7f).ToArray(), dv.Append(da).ToArray());

        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void TheTrainerFitsAGeneratedFloatModel()
    {
        const int N = 3;
        var random = new Random(11);
        int rows = 200;
        double[] features = new double[rows * N], targets = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < N; j++)
            {
                features[i * N + j] = random.NextDouble() * 2 - 1;
            }

            targets[i] = features[i * N] - 0.5 * features[i * N + 1] > 0 ? 1 : 0;
        }

        var data = new SymGrad.Data.DataSet(features, targets, N);
        float[] w = new float[N + 1];
        SymGrad.Training.LossAndGradient loss = SymGrad.Training.SinglePrecision.LossAndGradient((p, b, g) => S.BatchLogisticGradient(p, b.Features, b.Targets, b.RowCount, b.FeatureCount, g));
        float before = S.BatchLogistic(w, Floats(features), Floats(targets), rows, N);

        new SymGrad.Training.Trainer(new SymGrad.Optimizers.Adam(0.05), loss, new SymGrad.Training.TrainerOptions { Epochs = 40, BatchSize = 32, Seed = 5 }).Fit(w, data);

        float after = S.BatchLogistic(w, Floats(features), Floats(targets), rows, N);
        Assert.True(after < 0.5f * before, $"loss {before} -> {after}");
        Assert.True(w[0] > 0 && w[1] < 0, string.Join(", ", w));
    }

    /// <summary>Rows, inputs, hidden units and classes: classes around the tile of 32 rows and the float long tile of 64 (the class loops' tiles have one product per row), so the reverse class loop runs one tile, a full one, and several from the top; 40 rows of 20 inputs fill a row tile and the float lanes of the hidden layer's products.</summary>
    [Theory]
    [InlineData(3, 2, 3, 1)]
    [InlineData(4, 5, 3, 31)]
    [InlineData(2, 4, 8, 32)]
    [InlineData(3, 3, 9, 33)]
    [InlineData(2, 9, 33, 70)]
    [InlineData(2, 3, 4, 63)]
    [InlineData(2, 3, 4, 64)]
    [InlineData(2, 3, 4, 65)]
    [InlineData(2, 3, 4, 130)]
    [InlineData(40, 20, 5, 12)]
    public void ClassifierTilesAgreeWithTheDoubleTwinsCheckedGradient(int m, int n, int h, int k)
    {
        double[] w1 = Inputs(h * n, 11, 1.0), b1 = Inputs(h, 12, 1.0), w2 = Inputs(k * h, 13, 1.0), b2 = Inputs(k, 14, 1.0), x = Inputs(m * n, 15, 1.0);
        double[] y = new double[m * k];
        for (int i = 0; i < m; i++)
        {
            y[(i * k) + ((i * 7) % k)] = 1.0;
        }

        int[] sizes = { w1.Length, h, w2.Length, k };
        double[][] twin = sizes.Select(size => new double[size]).ToArray();
        double value = T.ClassifierGradient(w1, b1, w2, b2, x, y, m, n, h, k, twin[0], twin[1], twin[2], twin[3]);
        double[] all = w1.Concat(b1).Concat(w2).Concat(b2).ToArray();
        double[] Part(double[] p, int index) => p.Skip(sizes.Take(index).Sum()).Take(sizes[index]).ToArray();
        FiniteDifferences.CheckAt(p => T.Classifier(Part(p, 0), Part(p, 1), Part(p, 2), Part(p, 3), x, y, m, n, h, k), all, twin.SelectMany(g => g).ToArray(), value);

        float[][] single = sizes.Select(size => new float[size]).ToArray();
        float result = S.ClassifierGradient(Floats(w1), Floats(b1), Floats(w2), Floats(b2), Floats(x), Floats(y), m, n, h, k, single[0], single[1], single[2], single[3]);
        AssertClose(value, result);
        AssertClose(S.Classifier(Floats(w1), Floats(b1), Floats(w2), Floats(b2), Floats(x), Floats(y), m, n, h, k), result);
        AssertClose(twin.SelectMany(g => g).ToArray(), single.SelectMany(g => g).ToArray());
    }

    private static double[] Inputs(int length, int seed, double scale)
    {
        var random = new Random(seed);
        // Values a float holds exactly, so both precisions see the same inputs.
        return Enumerable.Range(0, length).Select(_ => (double)(float)((random.NextDouble() * 2 - 1) * scale)).ToArray();
    }

    private static float[] Floats(double[] values) => values.Select(v => (float)v).ToArray();

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Max(1.0, Math.Abs(expected)), $"float gives {actual:R}, double {expected:R}");

    private static void AssertClose(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1.0, expected.Select(Math.Abs).DefaultIfEmpty(0).Max());
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(float.IsFinite(actual[i]) && Math.Abs(actual[i] - expected[i]) <= Tolerance * scale, $"partial {i}: float gives {actual[i]:R}, double {expected[i]:R}");
        }
    }
}
