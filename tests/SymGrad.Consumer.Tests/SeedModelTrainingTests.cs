using System;
using SymGrad.Data;
using SymGrad.Metrics;
using SymGrad.Models;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Consumer.Tests;

/// <summary>
/// Plain gradient descent with the generated gradients on the real data sets: stratified 75/25
/// split with a fixed seed, features standardised on the training part.
/// </summary>
public class SeedModelTrainingTests
{
    private readonly ITestOutputHelper output;

    public SeedModelTrainingTests(ITestOutputHelper output) => this.output = output;

    private static (DataSet Train, DataSet Test) Load(DataSet data)
    {
        var (train, test) = DataSplit.Stratified(data, testFraction: 0.25, seed: 42);
        Standardizer scaler = Standardizer.Fit(train);
        return (scaler.Transform(train), scaler.Transform(test));
    }

    [Fact]
    public void LogisticRegressionOnBreastCancerReaches95Percent()
    {
        var (train, test) = Load(CsvDataSet.LoadScikitLearn(SharedData.PathOf("breast_cancer.csv")));
        int n = train.FeatureCount;
        double[] w = new double[LogisticRegression.ParameterCount(n)];
        double[] dw = new double[w.Length];
        double[] x = train.Features.ToArray();
        double[] y = train.Targets.ToArray();
        for (int epoch = 0; epoch < 300; epoch++)
        {
            LogisticRegression.LossGradient(w, x, y, n, dw);
            for (int j = 0; j < w.Length; j++)
            {
                w[j] -= 0.5 * dw[j];
            }
        }

        int[] predicted = new int[test.RowCount];
        for (int i = 0; i < test.RowCount; i++)
        {
            predicted[i] = LogisticRegression.Probability(w, test.Row(i)) >= 0.5 ? 1 : 0;
        }

        double accuracy = ClassificationMetrics.Accuracy(test.Labels, predicted);
        output.WriteLine($"breast_cancer logistic regression: test accuracy {accuracy:P2}");
        Assert.True(accuracy >= 0.95, $"test accuracy {accuracy:P2}");
    }

    [Fact]
    public void SoftmaxRegressionOnIrisReaches93Percent()
    {
        var (train, test) = Load(CsvDataSet.LoadScikitLearn(SharedData.PathOf("iris.csv")));
        int n = train.FeatureCount, k = train.ClassCount;
        double[] w = new double[SoftmaxRegression.ParameterCount(n, k)];
        double[] dw = new double[w.Length];
        double[] x = train.Features.ToArray();
        int[] y = train.Labels.ToArray();
        for (int epoch = 0; epoch < 500; epoch++)
        {
            SoftmaxRegression.LossGradient(w, x, y, n, k, dw);
            for (int j = 0; j < w.Length; j++)
            {
                w[j] -= 0.5 * dw[j];
            }
        }

        int[] predicted = new int[test.RowCount];
        for (int i = 0; i < test.RowCount; i++)
        {
            predicted[i] = SoftmaxRegression.Predict(w, test.Row(i), k);
        }

        double accuracy = ClassificationMetrics.Accuracy(test.Labels, predicted);
        output.WriteLine($"iris softmax regression: test accuracy {accuracy:P2}");
        Assert.True(accuracy >= 0.93, $"test accuracy {accuracy:P2}");
    }

    [Fact]
    public void TwoLayerNetworkOnDigitsReaches95Percent()
    {
        var (train, test) = Load(CsvDataSet.LoadHeaderless(SharedData.PathOf("digits.csv")));
        int n = train.FeatureCount, k = train.ClassCount, h = 32, batchSize = 32;
        double[] p = TwoLayerNetwork.InitialParameters(n, h, k, seed: 1);
        double[] dp = new double[p.Length];
        double[] batchX = new double[batchSize * n];
        int[] batchY = new int[batchSize];
        int[] order = new int[train.RowCount];
        var random = new Random(7);
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        for (int epoch = 0; epoch < 40; epoch++)
        {
            random.Shuffle(order);
            for (int start = 0; start + batchSize <= order.Length; start += batchSize)
            {
                for (int b = 0; b < batchSize; b++)
                {
                    train.Row(order[start + b]).CopyTo(batchX.AsSpan(b * n, n));
                    batchY[b] = train.Labels[order[start + b]];
                }

                TwoLayerNetwork.MulticlassLossGradient(p, batchX, batchY, n, h, k, dp);
                for (int j = 0; j < p.Length; j++)
                {
                    p[j] -= 0.5 * dp[j];
                }
            }
        }

        int[] predicted = new int[test.RowCount];
        for (int i = 0; i < test.RowCount; i++)
        {
            predicted[i] = TwoLayerNetwork.PredictClass(p, test.Row(i), h, k);
        }

        double accuracy = ClassificationMetrics.Accuracy(test.Labels, predicted);
        output.WriteLine($"digits two-layer network (h = {h}): test accuracy {accuracy:P2}");
        Assert.True(accuracy >= 0.95, $"test accuracy {accuracy:P2}");
    }
}
