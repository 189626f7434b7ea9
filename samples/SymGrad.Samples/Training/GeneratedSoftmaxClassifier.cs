using System;
using SymGrad.Data;
using SymGrad.Models;
using SymGrad.Multiclass;
using SymGrad.Optimizers;
using SymGrad.Samples.Infrastructure;
using SymGrad.Training;

namespace SymGrad.Samples.Training;

/// <summary>Softmax regression trained with the generated <c>SoftmaxRegression.LossGradient</c>.</summary>
internal sealed class GeneratedSoftmaxClassifier : IMulticlassClassifier
{
    private readonly double[] weights;

    public GeneratedSoftmaxClassifier(double[] weights, int classCount, int featureCount)
    {
        this.weights = weights;
        ClassCount = classCount;
        FeatureCount = featureCount;
    }

    /// <summary>The learning rate without <c>--learning-rate</c>.</summary>
    public const double DefaultLearningRate = 0.05;

    public int ClassCount { get; }

    public int FeatureCount { get; }

    public ReadOnlySpan<double> Weights => weights;

    public int Predict(ReadOnlySpan<double> features) => SoftmaxRegression.Predict(weights, features, ClassCount);

    /// <summary>Trains from zero weights with Adam (<c>--learning-rate</c>, default 0.05; batches of 16), returning the model and the run.</summary>
    public static (GeneratedSoftmaxClassifier Model, TrainingResult Result) Train(SampleContext context, DataSet data, int epochs)
    {
        int k = data.ClassCount, n = data.FeatureCount;
        var weights = new double[SoftmaxRegression.ParameterCount(n, k)];
        TrainingResult result = TrainingRun.Fit(context, "softmax regression", new Adam(context.LearningRateOr(DefaultLearningRate)), GeneratedLosses.Softmax(k), weights, data, new TrainerOptions { Epochs = epochs, BatchSize = 16, Seed = context.Seed });
        TrainingRun.RequireConverged(result);
        return (new GeneratedSoftmaxClassifier(weights, k, n), result);
    }
}
