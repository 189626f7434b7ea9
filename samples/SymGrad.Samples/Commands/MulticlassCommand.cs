using System;
using ScottPlot;
using SymGrad.Multiclass;
using SymGrad.Samples.Data;
using SymGrad.Samples.Infrastructure;
using SymGrad.Samples.Plotting;
using SymGrad.Samples.Training;

namespace SymGrad.Samples.Commands;

/// <summary>
/// One-vs-rest (K binary classifiers) and one-vs-one (K(K-1)/2) logistic regressions against softmax regression, every
/// model trained with a generated gradient: an accuracy table and the decision regions of each strategy.
/// </summary>
internal sealed class MulticlassCommand : SampleCommand
{
    public override string Name => "multiclass";

    public override string Description => "One-vs-rest (K classifiers) and one-vs-one (K(K-1)/2 classifiers) against softmax regression: accuracy table and decision regions.";

    public override string Title => "Multi-class: one-vs-rest, one-vs-one and softmax";

    public override bool AcceptsData => true;

    public override bool Trains => true;

    public override int Run(SampleContext context)
    {
        ClassificationData data = ClassificationData.Load(context, SyntheticData.ThreeBlobs(context.SizeOr(60, 20), context.Seed), "three Gaussian blobs");
        context.WriteLine(data.Summary());
        int k = data.All.ClassCount;
        int epochs = context.EpochsOr(40, 8);
        double rate = context.LearningRateOr(GeneratedSoftmaxClassifier.DefaultLearningRate);
        BinaryTrainer binary = GeneratedLogisticClassifier.CreateTrainer(epochs, rate, context.Seed);

        OneVsRestClassifier ovr = OneVsRestClassifier.Train(data.Train, binary);
        OneVsOneClassifier ovo = OneVsOneClassifier.Train(data.Train, binary);
        (GeneratedSoftmaxClassifier softmax, _) = GeneratedSoftmaxClassifier.Train(context, data.Train, epochs);

        context.WriteLine($"K = {k} classes, {epochs} epochs of Adam per model (learning rate {SampleContext.Rate(rate)}, batches of 16)");
        context.WriteLine($"one-vs-rest trains K = {ovr.ClassifierCount} binary classifiers (class k against the rest)");
        context.WriteLine($"one-vs-one trains K(K-1)/2 = {k}*{k - 1}/2 = {ovo.ClassifierCount} binary classifiers (one per pair of classes)");
        context.WriteLine($"Note: the notes write K(K+1)/2, which is wrong: there are C(K, 2) = K(K-1)/2 pairs; K(K+1)/2 = {k * (k + 1) / 2} would count each class paired with itself.");

        var table = new TextTable("strategy", "classifiers", "train accuracy", "test accuracy");
        (string Name, IMulticlassClassifier Model)[] strategies = { ("one-vs-rest", ovr), ("one-vs-one", ovo), ("softmax regression", softmax) };
        var testAccuracies = new double[strategies.Length];
        for (int s = 0; s < strategies.Length; s++)
        {
            (string name, IMulticlassClassifier model) = strategies[s];
            testAccuracies[s] = model.Accuracy(data.Test);
            int count = model switch { OneVsRestClassifier r => r.ClassifierCount, OneVsOneClassifier o => o.ClassifierCount, _ => 1 };
            table.AddRow(name, count.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{model.Accuracy(data.Train):P1}", $"{testAccuracies[s]:P1}");
        }

        table.WriteTo(context.Out);
        Charts.Save(context, AccuracyPlot(strategies, testAccuracies, data.Description), "multiclass-accuracy.png");
        if (data.IsPlanar)
        {
            foreach ((string name, IMulticlassClassifier model) in strategies)
            {
                Plot regions = Charts.DecisionRegions($"Decision regions: {name}", data.All, (x1, x2) => model.Predict(new[] { x1, x2 }), "x1 (standardised)", "x2 (standardised)");
                Charts.Save(context, regions, $"multiclass-regions-{name.Split(' ')[0]}.png");
            }
        }
        else
        {
            context.WriteLine($"(no decision-region plots: the data have {data.All.FeatureCount} features, not 2)");
        }

        return 0;
    }

    private static Plot AccuracyPlot((string Name, IMulticlassClassifier Model)[] strategies, double[] accuracies, string description)
    {
        Plot plot = Charts.Create($"Test accuracy on {description}", "strategy", "test accuracy (%)");
        var ticks = new Tick[strategies.Length];
        for (int s = 0; s < strategies.Length; s++)
        {
            var bar = plot.Add.Bar(s, 100 * accuracies[s]);
            bar.Color = ClassColors.Class(s);
            bar.Bars[0].Label = $"{accuracies[s]:P1}";
            ticks[s] = new Tick(s, strategies[s].Name);
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.SetLimits(-0.6, strategies.Length - 0.4, 0, 110);
        return plot;
    }
}
