using System.Collections.Generic;

namespace SymGrad.Samples.Commands;

/// <summary>Every sample command, in the order of the notes (the tour's order).</summary>
internal static class SampleCatalog
{
    public static IReadOnlyList<SampleCommand> All { get; } = new SampleCommand[]
    {
        new PerceptronCommand(),
        new DiscriminantCommand(),
        new LogisticCommand(),
        new EmpiricalLossCommand(),
        new MulticlassCommand(),
        new SoftmaxCommand(),
        new MlpRegressionCommand(),
        new MlpBinaryCommand(),
        new MlpMulticlassCommand(),
        new GatesCommand(),
        new ShapesCommand(),
        new LearningRateFinderCommand(),
        new GradientCheckCommand(),
        new StudentTCommand(),
        new NewtonCommand(),
        new CurveFitCommand(),
    };
}
