using System;
using System.Linq;
using SymGrad.Models;
using Xunit;

namespace SymGrad.Consumer.Tests;

/// <summary>
/// The seed's models: each generated gradient against central finite differences and against its
/// textbook closed form.
/// </summary>
public class SeedModelGradientTests
{
    private static readonly GradientCheckOptions Options = new(Step: 1e-6, RelativeTolerance: 1e-5, AbsoluteTolerance: 1e-7);

    private static double[] Random(int seed, int length, double scale = 1.0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 2 - 1) * scale).ToArray();
    }

    private static void AssertClose(double[] expected, double[] actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * (1 + Math.Abs(expected[i])), $"entry {i}: expected {expected[i]:R}, generated {actual[i]:R}");
        }
    }

    private static void AssertFiniteDifferences(Func<double[], double> f, double[] point, double[] analytic)
    {
        GradientCheckReport report = GradientCheck.Compare(f, point, analytic, Options);
        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void PerceptronOfTheNotes()
    {
        double[] theta = { 0.1, 0.2, 0.3 };
        double[] x = { 1.0, 1.0 };
        double[] dTheta = new double[3];

        double h = LogisticUnit.OutputGradient(theta, x, dTheta);

        Assert.Equal(0.6, LogisticUnit.Discriminant(theta, x), 15);
        Assert.Equal(0.645656, h, 6);
        double slope = h * (1 - h);
        AssertClose(new[] { slope, slope * x[0], slope * x[1] }, dTheta);
        AssertFiniteDifferences(p => LogisticUnit.Output(p, x), theta, dTheta);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void LogisticRegressionMatchesSumOfHMinusYTimesX(int seed)
    {
        int m = 7, n = 3;
        double[] w = Random(seed, n + 1);
        double[] x = Random(seed + 1, m * n, 2.0);
        double[] y = Enumerable.Range(0, m).Select(i => (double)((i + seed) % 2)).ToArray();
        double[] dw = new double[w.Length];

        double loss = LogisticRegression.LossGradient(w, x, y, n, dw);

        FiniteDifferences.AssertValue(LogisticRegression.Loss(w, x, y, n), loss);
        double[] expected = new double[n + 1];
        for (int i = 0; i < m; i++)
        {
            double r = LogisticRegression.Probability(w, x.AsSpan(i * n, n)) - y[i];
            expected[0] += r / m;
            for (int j = 0; j < n; j++)
            {
                expected[j + 1] += r * x[i * n + j] / m;
            }
        }

        AssertClose(expected, dw);
        AssertFiniteDifferences(p => LogisticRegression.Loss(p, x, y, n), w, dw);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SoftmaxRegressionMatchesSoftmaxMinusOneHotTimesX(int seed)
    {
        int m = 6, n = 3, k = 4;
        double[] w = Random(seed, k * (n + 1));
        double[] x = Random(seed + 1, m * n, 2.0);
        int[] y = Enumerable.Range(0, m).Select(i => (i * 3 + seed) % k).ToArray();
        double[] dw = new double[w.Length];

        double loss = SoftmaxRegression.LossGradient(w, x, y, n, k, dw);

        FiniteDifferences.AssertValue(SoftmaxRegression.Loss(w, x, y, n, k), loss);
        double[] expected = new double[w.Length];
        double[] scores = new double[k];
        double[] probabilities = new double[k];
        for (int i = 0; i < m; i++)
        {
            SoftmaxRegression.Scores(w, x.AsSpan(i * n, n), k, scores);
            SymMath.Softmax(scores, probabilities);
            for (int c = 0; c < k; c++)
            {
                double r = (probabilities[c] - (y[i] == c ? 1 : 0)) / m;
                expected[c * (n + 1)] += r;
                for (int j = 0; j < n; j++)
                {
                    expected[c * (n + 1) + j + 1] += r * x[i * n + j];
                }
            }
        }

        AssertClose(expected, dw);
        AssertFiniteDifferences(p => SoftmaxRegression.Loss(p, x, y, n, k), w, dw);
    }

    [Fact]
    public void TwoLayerRegressionMatchesBackpropagation()
    {
        int m = 5, n = 3, h = 4;
        double[] p = TwoLayerNetwork.InitialParameters(n, h, 1, seed: 3);
        double[] x = Random(4, m * n, 2.0);
        double[] t = Random(5, m);
        double[] dp = new double[p.Length];

        double error = TwoLayerNetwork.RegressionLossGradient(p, x, t, n, h, dp);

        FiniteDifferences.AssertValue(TwoLayerNetwork.RegressionLoss(p, x, t, n, h), error);
        AssertClose(Backpropagation(p, x, n, h, 1, (i, outputs, delta) => delta[0] = outputs[0] - t[i]), dp);
        AssertFiniteDifferences(q => TwoLayerNetwork.RegressionLoss(q, x, t, n, h), p, dp);
    }

    [Fact]
    public void TwoLayerBinaryClassifierMatchesBackpropagation()
    {
        int m = 6, n = 3, h = 4;
        double[] p = TwoLayerNetwork.InitialParameters(n, h, 1, seed: 7);
        double[] x = Random(8, m * n, 2.0);
        double[] t = Enumerable.Range(0, m).Select(i => (double)(i % 2)).ToArray();
        double[] dp = new double[p.Length];

        double loss = TwoLayerNetwork.BinaryLossGradient(p, x, t, n, h, dp);

        FiniteDifferences.AssertValue(TwoLayerNetwork.BinaryLoss(p, x, t, n, h), loss);
        AssertClose(Backpropagation(p, x, n, h, 1, (i, outputs, delta) => delta[0] = (SymMath.Sigmoid(outputs[0]) - t[i]) / m), dp);
        AssertFiniteDifferences(q => TwoLayerNetwork.BinaryLoss(q, x, t, n, h), p, dp);
    }

    [Fact]
    public void TwoLayerMulticlassClassifierMatchesBackpropagation()
    {
        int m = 6, n = 3, h = 4, k = 3;
        double[] p = TwoLayerNetwork.InitialParameters(n, h, k, seed: 11);
        double[] x = Random(12, m * n, 2.0);
        int[] y = Enumerable.Range(0, m).Select(i => i % k).ToArray();
        double[] dp = new double[p.Length];

        double loss = TwoLayerNetwork.MulticlassLossGradient(p, x, y, n, h, k, dp);

        FiniteDifferences.AssertValue(TwoLayerNetwork.MulticlassLoss(p, x, y, n, h, k), loss);
        AssertClose(
            Backpropagation(p, x, n, h, k, (i, outputs, delta) =>
            {
                double[] probabilities = new double[k];
                SymMath.Softmax(outputs, probabilities);
                for (int c = 0; c < k; c++)
                {
                    delta[c] = (probabilities[c] - (y[i] == c ? 1 : 0)) / m;
                }
            }),
            dp);
        AssertFiniteDifferences(q => TwoLayerNetwork.MulticlassLoss(q, x, y, n, h, k), p, dp);
    }

    [Fact]
    public void GatesFollowTheBackwardRulesOfTheNotes()
    {
        Gates.AddGradient(2.0, -3.0, out double addX, out double addY);
        Assert.Equal((1.0, 1.0), (addX, addY));                 // add distributes the gradient

        Gates.MultiplyGradient(2.0, -3.0, out double mulX, out double mulY);
        Assert.Equal((-3.0, 2.0), (mulX, mulY));                // multiply swaps the inputs

        Gates.MaxGradient(2.0, -3.0, out double maxX, out double maxY);
        Assert.Equal((1.0, 0.0), (maxX, maxY));                 // max routes to the larger input
        Gates.MaxGradient(-1.0, 4.0, out maxX, out maxY);
        Assert.Equal((0.0, 1.0), (maxX, maxY));

        Gates.MinGradient(2.0, -3.0, out double minX, out double minY);
        Assert.Equal((0.0, 1.0), (minX, minY));                 // min routes to the smaller input

        Gates.ScaleGradient(2.0, 5.0, out double scaleX);
        Assert.Equal(5.0, scaleX);                              // scaling by a constant scales the gradient

        // z = max(x y, x + y) c at x = 3, y = -1: the sum (2) beats the product (-3), so dz/dx = dz/dy = c.
        double z = Gates.GraphGradient(3.0, -1.0, 2.0, out double dx, out double dy);
        Assert.Equal((4.0, 2.0, 2.0), (z, dx, dy));
        // At x = 3, y = 2 the product (6) wins: dz/dx = y c, dz/dy = x c.
        Gates.GraphGradient(3.0, 2.0, 2.0, out dx, out dy);
        Assert.Equal((4.0, 6.0), (dx, dy));
    }

    /// <summary>Textbook backpropagation through the sigmoid hidden layer, given the output deltas of each row.</summary>
    private static double[] Backpropagation(double[] p, double[] x, int n, int h, int o, Action<int, double[], double[]> outputDelta)
    {
        int m = x.Length / n;
        int second = h * (n + 1);
        var gradient = new double[p.Length];
        var hidden = new double[h];
        var outputs = new double[o];
        var delta = new double[o];
        for (int i = 0; i < m; i++)
        {
            for (int u = 0; u < h; u++)
            {
                double a = p[u * (n + 1)];
                for (int j = 0; j < n; j++)
                {
                    a += p[u * (n + 1) + j + 1] * x[i * n + j];
                }

                hidden[u] = SymMath.Sigmoid(a);
            }

            TwoLayerNetwork.Outputs(p, x.AsSpan(i * n, n), h, outputs);
            outputDelta(i, outputs, delta);
            for (int c = 0; c < o; c++)
            {
                gradient[second + c * (h + 1)] += delta[c];
                for (int u = 0; u < h; u++)
                {
                    gradient[second + c * (h + 1) + u + 1] += delta[c] * hidden[u];
                }
            }

            for (int u = 0; u < h; u++)
            {
                double back = 0;
                for (int c = 0; c < o; c++)
                {
                    back += delta[c] * p[second + c * (h + 1) + u + 1];
                }

                double hiddenDelta = back * hidden[u] * (1 - hidden[u]);
                gradient[u * (n + 1)] += hiddenDelta;
                for (int j = 0; j < n; j++)
                {
                    gradient[u * (n + 1) + j + 1] += hiddenDelta * x[i * n + j];
                }
            }
        }

        return gradient;
    }
}
