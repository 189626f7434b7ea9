using System;
using SymGrad.Data;
using SymGrad.Models;
using SymGrad.Multiclass;
using SymGrad.Optimizers;
using SymGrad.Training;

namespace SymGrad.Samples.Training;

/// <summary>A binary logistic-regression classifier trained with the generated <c>LogisticRegression.LossGradient</c>.</summary>
internal sealed class GeneratedLogisticClassifier : IBinaryClassifier
{
    private readonly double[] weights;

    public GeneratedLogisticClassifier(double[] weights)
    {
        this.weights = weights;
    }

    public double PredictProbability(ReadOnlySpan<double> features) => LogisticRegression.Probability(weights, features);

    /// <summary>The <see cref="BinaryTrainer"/> the one-vs-rest and one-vs-one strategies call once per sub-problem.</summary>
    public static BinaryTrainer CreateTrainer(int epochs, double learningRate, int seed) => data =>
    {
        var weights = new double[LogisticRegression.ParameterCount(data.FeatureCount)];
        var trainer = new Trainer(new Adam(learningRate), GeneratedLosses.Logistic(), new TrainerOptions { Epochs = epochs, BatchSize = 16, Seed = seed });
        TrainingRun.RequireConverged(trainer.Fit(weights, data));

        return new GeneratedLogisticClassifier(weights);
    };
}
