using System;
using ScottPlot;
using SymGrad.Data;
using SymGrad.Metrics;
using SymGrad.Models;
using SymGrad.Optimizers;
using SymGrad.Samples.Data;
using SymGrad.Samples.Infrastructure;
using SymGrad.Samples.Plotting;
using SymGrad.Samples.Training;
using SymGrad.Training;

namespace SymGrad.Samples.Commands;

/// <summary>
/// Logistic regression trained with the binary cross-entropy and the generated <c>LogisticRegression.LossGradient</c>;
/// the closed-form gradient (1/m) sum_i (h(x_i) - y_i) (1, x_i) is checked against the generated one.
/// </summary>
internal sealed class LogisticCommand : SampleCommand
{
    public override string Name => "logistic";

    public override string Description => "Logistic regression with binary cross-entropy: loss per epoch, closed-form vs generated gradient, decision boundary.";

    public override string Title => "Logistic regression with the binary cross-entropy";

    public override bool AcceptsData => true;

    public override bool Trains => true;

    public override int Run(SampleContext context)
    {
        ClassificationData data = ClassificationData.Load(context, SyntheticData.TwoBlobs(context.SizeOr(100, 30), context.Seed), "two Gaussian blobs");
        if (data.All.ClassCount != 2)
        {
            throw new SampleInputException($"logistic regression is binary, but {data.Description} has {data.All.ClassCount} classes; use 'multiclass' or 'softmax'.");
        }

        context.WriteLine(data.Summary());
        int n = data.Train.FeatureCount;
        var w = new double[LogisticRegression.ParameterCount(n)];
        CompareGradients(context, "at w = 0", w, data.Train);

        int epochs = context.EpochsOr(25, 6);
        double rate = context.LearningRateOr(0.1);
        context.WriteLine($"J(w) = (1/m) sum_i -[y_i log h(x_i) + (1 - y_i) log(1 - h(x_i))], h = sigmoid(w^T (1, x)); SGD, learning rate {SampleContext.Rate(rate)}, batches of 16, {epochs} epochs:");
        TrainingResult result = TrainingRun.Fit(context, "logistic regression", new Sgd(rate), GeneratedLosses.Logistic(), w, data.Train, new TrainerOptions { Epochs = epochs, BatchSize = 16, Seed = context.Seed });
        TrainingRun.RequireConverged(result);
        TrainingRun.PrintLosses(context, result, every: 1, "J(w)");
        context.WriteLine($"w = (bias, w_1..w_n) = {SampleContext.Vector(w, 3)}");
        CompareGradients(context, "at the trained w", w, data.Train);
        context.WriteLine($"accuracy: train {Accuracy(w, data.Train):P1}, test {Accuracy(w, data.Test):P1}");

        Charts.Save(context, Charts.LossCurves("Logistic regression: binary cross-entropy per epoch", "J(w), mean over the epoch's batches", ("training loss", TrainingRun.Losses(result))), "logistic-loss.png");
        if (data.IsPlanar)
        {
            Charts.Save(context, BoundaryPlot(w, data.All), "logistic-boundary.png");
        }
        else
        {
            context.WriteLine($"(no decision-boundary plot: the data have {n} features, not 2)");
        }

        return 0;
    }

    private static void CompareGradients(SampleContext context, string where, double[] w, DataSet train)
    {
        int m = train.RowCount, n = train.FeatureCount;
        var generated = new double[w.Length];
        LogisticRegression.LossGradient(w, train.Features, train.Targets, n, generated);
        var closedForm = new double[w.Length];
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<double> row = train.Row(i);
            double error = LogisticRegression.Probability(w, row) - train.Targets[i];
            closedForm[0] += error / m;
            for (int j = 0; j < n; j++)
            {
                closedForm[j + 1] += error * row[j] / m;
            }
        }

        double difference = 0;
        for (int j = 0; j < w.Length; j++)
        {
            difference = Math.Max(difference, Math.Abs(generated[j] - closedForm[j]));
        }

        context.WriteLine($"gradient {where}:");
        context.WriteLine($"  (1/m) sum_i (h(x_i) - y_i) (1, x_i) = {SampleContext.Vector(closedForm, 6)}");
        context.WriteLine($"  generated LossGradient              = {SampleContext.Vector(generated, 6)}");
        context.WriteLine($"  max |difference| = {difference:E2}");
    }

    private static double Accuracy(double[] w, DataSet data)
    {
        var predicted = new int[data.RowCount];
        for (int i = 0; i < predicted.Length; i++)
        {
            predicted[i] = LogisticRegression.Probability(w, data.Row(i)) >= 0.5 ? 1 : 0;
        }

        return ClassificationMetrics.Accuracy(data.Labels, predicted);
    }

    private static Plot BoundaryPlot(double[] w, DataSet data)
    {
        Plot plot = Charts.DecisionRegions("Logistic regression: decision boundary h(x) = 0.5", data, (x1, x2) => LogisticRegression.Probability(w, new[] { x1, x2 }) >= 0.5 ? 1 : 0, "x1 (standardised)", "x2 (standardised)");
        (double left, double right, _, _) = Charts.Bounds(data);
        if (Math.Abs(w[2]) > 1e-12)
        {
            var boundary = plot.Add.Line(left, -(w[0] + w[1] * left) / w[2], right, -(w[0] + w[1] * right) / w[2]);
            boundary.LegendText = "w0 + w1 x1 + w2 x2 = 0";
            boundary.LineColor = Colors.Black;
            boundary.LineWidth = 2;
        }

        return plot;
    }
}
