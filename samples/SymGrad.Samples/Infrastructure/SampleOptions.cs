using System.CommandLine;

namespace SymGrad.Samples.Infrastructure;

/// <summary>
/// The options the sample commands share: where plots go, quick sizes, epochs, seed, real data, and the learning rate of
/// the commands that train. Values are checked when parsed and the folders and files when bound, before any work.
/// </summary>
internal sealed class SampleOptions
{
    public Option<string> Output { get; } = new("--out", "-o")
    {
        Description = "The folder for plots and other files.",
        DefaultValueFactory = _ => "symgrad-out",
    };

    public Option<bool> Quick { get; } = new("--quick")
    {
        Description = "Small data and few epochs (for tests and a fast look).",
    };

    public Option<int?> Epochs { get; } = new("--epochs")
    {
        Description = "The number of training epochs, a positive whole number (overrides the command's default).",
        CustomParser = OptionParsers.PositiveWholeNumber,
    };

    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "The seed of the synthetic data, the train/test split, the initial weights and the training shuffles.",
        DefaultValueFactory = _ => 7,
        CustomParser = OptionParsers.WholeNumber,
    };

    public Option<double?> LearningRate { get; } = new("--learning-rate", "--lr")
    {
        Description = "The optimizer's learning rate, a positive number (overrides the command's default).",
        CustomParser = OptionParsers.PositiveNumber,
    };

    public Option<string?> Data { get; } = new("--data")
    {
        Description = "A CSV file to run the classifiers on instead of synthetic data: scikit-learn's layout such as iris.csv, header-less rows with the label last such as digits.csv, or a row of column names with the label last.",
    };

    /// <summary>Adds the shared options to <paramref name="command"/>: <c>--data</c> when it can use real data, <c>--learning-rate</c> when it trains.</summary>
    public void AddTo(Command command, bool acceptsData, bool trains)
    {
        command.Options.Add(Output);
        command.Options.Add(Quick);
        command.Options.Add(Epochs);
        command.Options.Add(Seed);
        if (trains)
        {
            command.Options.Add(LearningRate);
        }

        if (acceptsData)
        {
            command.Options.Add(Data);
        }
    }

    /// <summary>Reads the options of one invocation into a <see cref="SampleContext"/>, checking the output folder and the data file first.</summary>
    /// <exception cref="SampleInputException">The output folder cannot be written or the data file is missing.</exception>
    public SampleContext Bind(ParseResult parseResult, bool acceptsData, bool trains)
    {
        string output = parseResult.GetValue(Output) ?? "symgrad-out";
        string? data = acceptsData ? parseResult.GetValue(Data) : null;
        if (data is not null)
        {
            InputChecks.RequireDataFile(data);
        }

        InputChecks.RequireWritableFolder(output);
        return new SampleContext(
            parseResult.InvocationConfiguration.Output,
            output,
            parseResult.GetValue(Quick),
            parseResult.GetValue(Epochs),
            parseResult.GetValue(Seed),
            data,
            trains ? parseResult.GetValue(LearningRate) : null);
    }
}
