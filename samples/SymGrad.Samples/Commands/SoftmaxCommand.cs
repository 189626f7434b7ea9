using System;
using SymGrad.Data;
using SymGrad.Models;
using SymGrad.Samples.Data;
using SymGrad.Samples.Infrastructure;
using SymGrad.Samples.Models;
using SymGrad.Samples.Plotting;
using SymGrad.Samples.Training;
using SymGrad.Training;

namespace SymGrad.Samples.Commands;

/// <summary>
/// Softmax regression with the generated <c>SoftmaxRegression.LossGradient</c>, and the softmax Jacobian
/// d softmax_i / dz_j = softmax_j (delta_ij - softmax_i) checked against the generated derivative.
/// </summary>
internal sealed class SoftmaxCommand : SampleCommand
{
    public override string Name => "softmax";

    public override string Description => "Softmax regression, with the softmax Jacobian softmax_j (delta_ij - softmax_i) checked against the generated derivative.";

    public override string Title => "Softmax regression and the softmax Jacobian";

    public override bool AcceptsData => true;

    public override bool Trains => true;

    public override int Run(SampleContext context)
    {
        // The data first, so that a file the runtime refuses fails before anything is printed.
        ClassificationData data = ClassificationData.Load(context, SyntheticData.ThreeBlobs(context.SizeOr(60, 20), context.Seed), "three Gaussian blobs");
        bool jacobianAgrees = CheckJacobian(context);

        context.WriteLine(data.Summary());
        int k = data.All.ClassCount, n = data.All.FeatureCount;
        int epochs = context.EpochsOr(40, 8);
        context.WriteLine($"J(W) = (1/m) sum_i -log softmax_(y_i)(W (1, x_i)); Adam, learning rate {SampleContext.Rate(context.LearningRateOr(GeneratedSoftmaxClassifier.DefaultLearningRate))}, batches of 16, {epochs} epochs:");
        (GeneratedSoftmaxClassifier model, TrainingResult result) = GeneratedSoftmaxClassifier.Train(context, data.Train, epochs);
        TrainingRun.PrintLosses(context, result, every: Math.Max(1, epochs / 8), "J(W)");
        double difference = CompareLossGradient(model.Weights, data.Train);
        context.WriteLine($"generated dJ/dW against (1/m) sum_i (softmax(W (1, x_i)) - onehot(y_i)) (1, x_i)^T at the trained W: max |difference| = {difference:E2}");
        context.WriteLine($"accuracy: train {Accuracy(model, data.Train):P1}, test {Accuracy(model, data.Test):P1}");

        Charts.Save(context, Charts.LossCurves("Softmax regression: cross-entropy per epoch", "J(W), mean over the epoch's batches", ("training loss", TrainingRun.Losses(result))), "softmax-loss.png");
        if (data.IsPlanar)
        {
            Charts.Save(context, Charts.DecisionRegions("Softmax regression: decision regions argmax_j softmax_j(W (1, x))", data.All, (x1, x2) => model.Predict(new[] { x1, x2 }), "x1 (standardised)", "x2 (standardised)"), "softmax-regions.png");
        }
        else
        {
            context.WriteLine($"(no decision-region plot: the data have {n} features, not 2)");
        }

        return jacobianAgrees && difference < 1e-9 ? 0 : 1;
    }

    private static bool CheckJacobian(SampleContext context)
    {
        double[] z = { 1.0, 2.0, 0.5 };
        int k = z.Length;
        var s = new double[k];
        for (int i = 0; i < k; i++)
        {
            s[i] = SoftmaxFunction.Component(z, i);
        }

        context.WriteLine($"z = {SampleContext.Vector(z, 2)}, softmax(z) = {SampleContext.Vector(s, 4)}");
        context.WriteLine("Jacobian J_ij = d softmax_i / dz_j: generated (row i = SoftmaxFunction.ComponentGradient(z, i)) | closed form softmax_j (delta_ij - softmax_i)");
        double worst = 0;
        var row = new double[k];
        for (int i = 0; i < k; i++)
        {
            SoftmaxFunction.ComponentGradient(z, i, row);
            var closed = new double[k];
            for (int j = 0; j < k; j++)
            {
                closed[j] = s[j] * ((i == j ? 1 : 0) - s[i]);
                worst = Math.Max(worst, Math.Abs(row[j] - closed[j]));
            }

            context.WriteLine($"  row {i}: {SampleContext.Vector(row, 6)} | {SampleContext.Vector(closed, 6)}");
        }

        context.WriteLine($"max |generated - closed form| = {worst:E2}; diagonal s_i (1 - s_i) > 0, off-diagonal -s_i s_j < 0, every row sums to 0");
        return worst < 1e-12;
    }

    private static double CompareLossGradient(ReadOnlySpan<double> w, DataSet train)
    {
        int m = train.RowCount, n = train.FeatureCount, k = train.ClassCount;
        var generated = new double[w.Length];
        SoftmaxRegression.LossGradient(w, train.Features, train.Labels, n, k, generated);
        var closed = new double[w.Length];
        var scores = new double[k];
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<double> row = train.Row(i);
            SoftmaxRegression.Scores(w, row, k, scores);
            double logSum = SymMath.LogSumExp(scores);
            for (int c = 0; c < k; c++)
            {
                double error = Math.Exp(scores[c] - logSum) - (train.Labels[i] == c ? 1 : 0);
                closed[c * (n + 1)] += error / m;
                for (int j = 0; j < n; j++)
                {
                    closed[c * (n + 1) + j + 1] += error * row[j] / m;
                }
            }
        }

        double worst = 0;
        for (int p = 0; p < w.Length; p++)
        {
            worst = Math.Max(worst, Math.Abs(generated[p] - closed[p]));
        }

        return worst;
    }

    private static double Accuracy(GeneratedSoftmaxClassifier model, DataSet data) => SymGrad.Multiclass.MulticlassClassifierExtensions.Accuracy(model, data);
}
