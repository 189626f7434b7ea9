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

/// <summary>The two-layer network with a sigmoid output and binary cross-entropy on XOR, which no linear model separates.</summary>
internal sealed class MlpBinaryCommand : SampleCommand
{
    private const int Hidden = 8;

    public override string Name => "mlp-binary";

    public override string Description => "A two-layer network with a sigmoid output and binary cross-entropy on XOR: loss curve and decision regions.";

    public override string Title => "Two-layer network: binary classification (XOR)";

    public override bool AcceptsData => true;

    public override bool Trains => true;

    public override int Run(SampleContext context)
    {
        ClassificationData data = ClassificationData.Load(context, SyntheticData.Xor(context.SizeOr(50, 15), context.Seed), "XOR");
        if (data.All.ClassCount != 2)
        {
            throw new SampleInputException($"mlp-binary needs two classes, but {data.Description} has {data.All.ClassCount}; use 'mlp-multiclass'.");
        }

        context.WriteLine(data.Summary());
        int n = data.All.FeatureCount;
        int epochs = context.EpochsOr(150, 15);
        double rate = context.LearningRateOr(0.05);
        double[] p = TwoLayerNetwork.InitialParameters(n, Hidden, 1, context.Seed);
        context.WriteLine($"network: {n} inputs, {Hidden} sigmoid hidden units, 1 sigmoid output: {p.Length} parameters; J = mean binary cross-entropy");
        context.WriteLine($"Adam, learning rate {SampleContext.Rate(rate)}, batches of 16, {epochs} epochs, gradient TwoLayerNetwork.BinaryLossGradient (generated):");
        TrainingResult result = TrainingRun.Fit(context, "mlp binary", new Adam(rate), GeneratedLosses.NetworkBinary(Hidden), p, data.Train, new TrainerOptions { Epochs = epochs, BatchSize = 16, Seed = context.Seed });
        TrainingRun.RequireConverged(result);
        TrainingRun.PrintLosses(context, result, every: Math.Max(1, epochs / 10), "J");
        context.WriteLine($"accuracy: train {Accuracy(p, data.Train):P1}, test {Accuracy(p, data.Test):P1}");

        Charts.Save(context, Charts.LossCurves("Two-layer network, binary: cross-entropy per epoch", "J, mean over the epoch's batches", ("training loss", TrainingRun.Losses(result))), "mlp-binary-loss.png");
        if (data.IsPlanar)
        {
            Charts.Save(context, Charts.DecisionRegions($"Two-layer network ({Hidden} hidden units) on {data.Description}: decision regions", data.All, (x1, x2) => Predict(p, new[] { x1, x2 }), "x1 (standardised)", "x2 (standardised)"), "mlp-binary-regions.png");
        }
        else
        {
            context.WriteLine($"(no decision-region plot: the data have {n} features, not 2)");
        }

        return 0;
    }

    private static int Predict(double[] p, ReadOnlySpan<double> row)
    {
        Span<double> output = stackalloc double[1];
        TwoLayerNetwork.Outputs(p, row, Hidden, output);
        return output[0] >= 0 ? 1 : 0;
    }

    private static double Accuracy(double[] p, DataSet data)
    {
        var predicted = new int[data.RowCount];
        for (int i = 0; i < predicted.Length; i++)
        {
            predicted[i] = Predict(p, data.Row(i));
        }

        return ClassificationMetrics.Accuracy(data.Labels, predicted);
    }
}
