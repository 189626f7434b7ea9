using System;
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

/// <summary>The two-layer network with a softmax output and categorical cross-entropy on three interleaved spirals.</summary>
internal sealed class MlpMulticlassCommand : SampleCommand
{
    private const int Hidden = 24;

    public override string Name => "mlp-multiclass";

    public override string Description => "A two-layer network with a softmax output and cross-entropy on three spirals: loss curve and decision regions.";

    public override string Title => "Two-layer network: multi-class classification (spirals)";

    public override bool AcceptsData => true;

    public override bool Trains => true;

    public override int Run(SampleContext context)
    {
        ClassificationData data = ClassificationData.Load(context, SyntheticData.Spirals(context.SizeOr(100, 30), 3, context.Seed), "three spirals");
        context.WriteLine(data.Summary());
        int n = data.All.FeatureCount, k = data.All.ClassCount;
        int epochs = context.EpochsOr(300, 15);
        double rate = context.LearningRateOr(0.03);
        double[] p = TwoLayerNetwork.InitialParameters(n, Hidden, k, context.Seed);
        context.WriteLine($"network: {n} inputs, {Hidden} sigmoid hidden units, {k} softmax outputs: {p.Length} parameters; J = mean cross-entropy");
        context.WriteLine($"Adam, learning rate {SampleContext.Rate(rate)}, batches of 16, {epochs} epochs, gradient TwoLayerNetwork.MulticlassLossGradient (generated):");
        TrainingResult result = TrainingRun.Fit(context, "mlp multiclass", new Adam(rate), GeneratedLosses.NetworkMulticlass(Hidden, k), p, data.Train, new TrainerOptions { Epochs = epochs, BatchSize = 16, Seed = context.Seed });
        TrainingRun.RequireConverged(result);
        TrainingRun.PrintLosses(context, result, every: Math.Max(1, epochs / 10), "J");
        context.WriteLine($"accuracy: train {Accuracy(p, data.Train, k):P1}, test {Accuracy(p, data.Test, k):P1}");

        Charts.Save(context, Charts.LossCurves("Two-layer network, multi-class: cross-entropy per epoch", "J, mean over the epoch's batches", ("training loss", TrainingRun.Losses(result))), "mlp-multiclass-loss.png");
        if (data.IsPlanar)
        {
            Charts.Save(context, Charts.DecisionRegions($"Two-layer network ({Hidden} hidden units) on {data.Description}: decision regions", data.All, (x1, x2) => TwoLayerNetwork.PredictClass(p, new[] { x1, x2 }, Hidden, k), "x1 (standardised)", "x2 (standardised)"), "mlp-multiclass-regions.png");
        }
        else
        {
            context.WriteLine($"(no decision-region plot: the data have {n} features, not 2)");
        }

        return 0;
    }

    private static double Accuracy(double[] p, DataSet data, int k)
    {
        var predicted = new int[data.RowCount];
        for (int i = 0; i < predicted.Length; i++)
        {
            predicted[i] = TwoLayerNetwork.PredictClass(p, data.Row(i), Hidden, k);
        }

        return ClassificationMetrics.Accuracy(data.Labels, predicted);
    }
}
