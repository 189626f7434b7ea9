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

/// <summary>The two-layer network with a linear output and squared error, fitted to a noisy sine with the generated gradient.</summary>
internal sealed class MlpRegressionCommand : SampleCommand
{
    private const int Hidden = 8;

    public override string Name => "mlp-regression";

    public override string Description => "A two-layer network (sigmoid hidden layer, linear output, squared error) fitted to a noisy sine: loss curve and fit.";

    public override string Title => "Two-layer network: regression";

    public override bool Trains => true;

    public override int Run(SampleContext context)
    {
        DataSet data = SyntheticData.NoisySine(context.SizeOr(80, 30), context.Seed);
        int epochs = context.EpochsOr(500, 20);
        double rate = context.LearningRateOr(0.05);
        double[] p = TwoLayerNetwork.InitialParameters(1, Hidden, 1, context.Seed);
        context.WriteLine($"data: t = sin(x) + N(0, 0.1^2), {data.RowCount} points, x in [-3, 3]");
        context.WriteLine($"network: 1 input, {Hidden} sigmoid hidden units, 1 linear output: {p.Length} parameters; E = 1/2 sum_i (y(x_i) - t_i)^2 per batch");
        context.WriteLine($"Adam, learning rate {SampleContext.Rate(rate)}, batches of 16, {epochs} epochs, gradient TwoLayerNetwork.RegressionLossGradient (generated):");
        TrainingResult result = TrainingRun.Fit(context, "mlp regression", new Adam(rate), GeneratedLosses.NetworkRegression(Hidden), p, data, new TrainerOptions { Epochs = epochs, BatchSize = 16, Seed = context.Seed });
        TrainingRun.RequireConverged(result);
        TrainingRun.PrintLosses(context, result, every: Math.Max(1, epochs / 10), "E per batch");

        var predicted = new double[data.RowCount];
        var output = new double[1];
        for (int i = 0; i < predicted.Length; i++)
        {
            TwoLayerNetwork.Outputs(p, data.Row(i), Hidden, output);
            predicted[i] = output[0];
        }

        context.WriteLine($"mean squared error on the data: {SampleContext.F(RegressionMetrics.MeanSquaredError(data.Targets, predicted), 5)} (the noise variance is 0.01)");

        Charts.Save(context, Charts.LossCurves("Two-layer network, regression: squared error per epoch", "E = 1/2 sum r^2 per batch, epoch mean", ("training loss", TrainingRun.Losses(result))), "mlp-regression-loss.png");
        Charts.Save(context, FitPlot(data, p), "mlp-regression-fit.png");
        return 0;
    }

    private static Plot FitPlot(DataSet data, double[] p)
    {
        Plot plot = Charts.Create("Two-layer network fitted to t = sin(x) + noise", "x", "t");
        var points = plot.Add.ScatterPoints(data.Features.ToArray(), data.Targets.ToArray(), ClassColors.Class(0));
        points.LegendText = "data";
        const int Points = 200;
        var xs = new double[Points];
        var ys = new double[Points];
        var truth = new double[Points];
        var output = new double[1];
        for (int i = 0; i < Points; i++)
        {
            xs[i] = -3.2 + 6.4 * i / (Points - 1);
            TwoLayerNetwork.Outputs(p, new[] { xs[i] }, Hidden, output);
            ys[i] = output[0];
            truth[i] = Math.Sin(xs[i]);
        }

        var fit = plot.Add.Scatter(xs, ys, ClassColors.Class(1));
        fit.LegendText = "network y(x)";
        fit.MarkerSize = 0;
        fit.LineWidth = 2;
        var sine = plot.Add.Scatter(xs, truth, Colors.Gray);
        sine.LegendText = "sin(x)";
        sine.MarkerSize = 0;
        sine.LinePattern = LinePattern.Dashed;
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }
}
