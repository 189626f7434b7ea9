using System;
using System.Globalization;
using System.Linq;
using ScottPlot;
using SymGrad.Models;
using SymGrad.Optimizers;
using SymGrad.Samples.Data;
using SymGrad.Samples.Infrastructure;
using SymGrad.Samples.Plotting;
using SymGrad.Samples.Training;
using SymGrad.Training;

namespace SymGrad.Samples.Commands;

/// <summary>
/// The learning-rate range test on softmax regression (generated gradient, plain SGD): the loss against a geometrically
/// growing learning rate, the suggested rate, and training curves for a too-small, the suggested and a too-large rate.
/// </summary>
internal sealed class LearningRateFinderCommand : SampleCommand
{
    public override string Name => "lr-finder";

    public override string Description => "The learning-rate range test: loss against learning rate (log scale) with the suggested rate, and training with too small, good and too large rates.";

    public override string Title => "Choosing a learning rate: the range test";

    public override bool AcceptsData => true;

    public override int Run(SampleContext context)
    {
        ClassificationData data = ClassificationData.Load(context, SyntheticData.ThreeBlobs(context.SizeOr(60, 20), context.Seed), "three Gaussian blobs");
        context.WriteLine(data.Summary());
        int k = data.All.ClassCount, n = data.All.FeatureCount;
        LossAndGradient loss = GeneratedLosses.Softmax(k);
        var initial = new double[SoftmaxRegression.ParameterCount(n, k)];
        var options = new LearningRateFinderOptions { MinLearningRate = 1e-4, MaxLearningRate = 1e3, Steps = context.SizeOr(150, 40), BatchSize = 16, Seed = context.Seed };
        context.WriteLine($"softmax regression, plain SGD; the rate grows from {G(options.MinLearningRate)} to {G(options.MaxLearningRate)} over {options.Steps} batches of {options.BatchSize} (or until the loss diverges)");
        LearningRateFinderResult finder = LearningRateFinder.Run(new Sgd(options.MinLearningRate), loss, initial, data.Train, options);
        context.WriteLine(finder.ToString());

        double suggested = finder.SuggestedLearningRate;
        int epochs = context.EpochsOr(30, 5);
        (string Label, double Rate)[] runs =
        {
            ("too small", suggested / 1000),
            ("suggested", suggested),
            ("too large", finder.LearningRates[finder.LearningRates.Count - 1]),
        };

        var curves = new (string Label, double[] Losses)[runs.Length];
        var table = new TextTable("learning rate", "value", $"loss after epoch 1", $"loss after epoch {epochs}", "ended");
        for (int r = 0; r < runs.Length; r++)
        {
            var weights = new double[initial.Length];
            TrainingResult result = TrainingRun.Fit(context, $"lr {G(runs[r].Rate)}", new Sgd(runs[r].Rate), loss, weights, data.Train, new TrainerOptions { Epochs = epochs, BatchSize = 16, Seed = context.Seed });
            double[] losses = TrainingRun.Losses(result);
            curves[r] = ($"{runs[r].Label}: {G(runs[r].Rate)}", losses);
            table.AddRow(runs[r].Label, G(runs[r].Rate), losses.Length > 0 ? SampleContext.F(losses[0]) : "-", losses.Length > 0 ? SampleContext.F(losses[^1]) : "-", result.StopReason.ToString());
        }

        table.WriteTo(context.Out);
        context.WriteLine("Too small barely moves the loss, the suggested rate (the steepest descent of the range test) trains quickly, too large oscillates or diverges.");

        Charts.Save(context, FinderPlot(finder), "lr-finder.png");
        Plot training = Charts.LossCurves("Training with three learning rates (SGD, softmax regression)", "cross-entropy, mean over the epoch's batches", curves);
        training.Axes.SetLimitsY(0, curves.SelectMany(c => c.Losses).Where(double.IsFinite).DefaultIfEmpty(1).Max() * 1.05);
        Charts.Save(context, training, "lr-finder-training.png");
        return 0;
    }

    private static Plot FinderPlot(LearningRateFinderResult finder)
    {
        Plot plot = Charts.Create("Learning-rate range test: loss against learning rate", "learning rate (log scale)", "batch loss");
        double[] logRates = finder.LearningRates.Select(Math.Log10).ToArray();
        var raw = plot.Add.Scatter(logRates, finder.RawLosses.ToArray(), Colors.Gray.WithAlpha(0.6));
        raw.LegendText = "batch loss";
        raw.MarkerSize = 3;
        raw.LineWidth = 1;
        var smooth = plot.Add.Scatter(logRates, finder.SmoothedLosses.ToArray(), ClassColors.Class(0));
        smooth.LegendText = "smoothed loss";
        smooth.MarkerSize = 0;
        smooth.LineWidth = 2;
        var line = plot.Add.VerticalLine(Math.Log10(finder.SuggestedLearningRate), 2, ClassColors.Class(1));
        line.LegendText = $"suggested rate {G(finder.SuggestedLearningRate)}";
        line.LinePattern = LinePattern.Dashed;
        var minimum = plot.Add.VerticalLine(Math.Log10(finder.MinimumLossLearningRate), 1, ClassColors.Class(2));
        minimum.LegendText = $"lowest smoothed loss at {G(finder.MinimumLossLearningRate)}";
        minimum.LinePattern = LinePattern.Dotted;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = value => Math.Pow(10, value).ToString("0.####", CultureInfo.InvariantCulture),
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
        };
        // The last batches of a diverging test reach huge losses; keep the interesting range in view.
        plot.Axes.SetLimitsY(0, 2 * finder.SmoothedLosses[0]);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static string G(double value) => value.ToString("G3", CultureInfo.InvariantCulture);
}
