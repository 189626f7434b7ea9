using System.Linq;
using SymGrad.Samples.Commands;
using Xunit;

namespace SymGrad.Samples.Tests;

/// <summary><c>--learning-rate</c> and <c>--seed</c> on the training commands.</summary>
public class TrainingOptionTests
{
    private static readonly string[] TrainingCommandNames = { "logistic", "multiclass", "softmax", "mlp-regression", "mlp-binary", "mlp-multiclass", "student-t" };

    public static TheoryData<string> TrainingCommands => new(TrainingCommandNames);

    [Theory]
    [MemberData(nameof(TrainingCommands))]
    public void TheLearningRateIsUsedAndPrinted(string command)
    {
        using SampleRun run = SampleRun.Start(command, "--quick", "--epochs", "2", "--learning-rate", "0.0123");
        run.AssertSucceeded();
        Assert.Contains("learning rate 0.0123", run.Output);
    }

    [Fact]
    public void EveryTrainingCommandHasBothOptionsInItsHelp()
    {
        foreach (string command in TrainingCommandNames)
        {
            using SampleRun run = SampleRun.Raw(command, "--help");
            run.AssertSucceeded();
            Assert.Contains("--learning-rate", run.Output);
            Assert.Contains("--seed", run.Output);
        }
    }

    [Fact]
    public void CommandsThatDoNotTrainHaveNoLearningRate()
    {
        using SampleRun run = SampleRun.Start("perceptron", "--learning-rate", "0.1");
        run.AssertFailedCleanly(2, "perceptron", "Unrecognized command or argument '--learning-rate'");
    }

    [Fact]
    public void TheSeedMakesRunsRepeatableAndDifferent()
    {
        string Losses(string seed)
        {
            using SampleRun run = SampleRun.Start("logistic", "--quick", "--epochs", "3", "--seed", seed);
            run.AssertSucceeded();
            return string.Join("\n", run.Output.Split('\n').Where(l => l.Contains("epoch", System.StringComparison.Ordinal)));
        }

        Assert.Equal(Losses("11"), Losses("11"));
        Assert.NotEqual(Losses("11"), Losses("12"));
    }

    [Fact]
    public void ADifferentLearningRateTrainsDifferently()
    {
        string LastLoss(string rate)
        {
            using SampleRun run = SampleRun.Start("softmax", "--quick", "--epochs", "3", "--learning-rate", rate);
            run.AssertSucceeded();
            return run.Output.Split('\n').Last(l => l.Contains("J(W) =", System.StringComparison.Ordinal));
        }

        Assert.NotEqual(LastLoss("0.001"), LastLoss("0.2"));
    }

    [Fact]
    public void TheCatalogMarksExactlyTheTrainingCommands()
    {
        Assert.Equal(
            TrainingCommandNames.OrderBy(n => n),
            SampleCatalog.All.Where(s => s.Trains).Select(s => s.Name).OrderBy(n => n));
    }
}
