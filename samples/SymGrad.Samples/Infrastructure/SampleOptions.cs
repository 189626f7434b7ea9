using System.CommandLine;

namespace SymGrad.Samples.Infrastructure;

/// <summary>The options every sample command shares: where plots go, quick sizes, epochs, seed and real data.</summary>
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
        Description = "The number of training epochs (overrides the command's default).",
    };

    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "The seed of the synthetic data and of the training shuffles.",
        DefaultValueFactory = _ => 7,
    };

    public Option<string?> Data { get; } = new("--data")
    {
        Description = "A CSV file to run the classifiers on instead of synthetic data (scikit-learn layout such as iris.csv, or header-less rows with the label last such as digits.csv).",
    };

    /// <summary>Adds the shared options to <paramref name="command"/>; <c>--data</c> only when the command can use real data.</summary>
    public void AddTo(Command command, bool acceptsData)
    {
        command.Options.Add(Output);
        command.Options.Add(Quick);
        command.Options.Add(Epochs);
        command.Options.Add(Seed);
        if (acceptsData)
        {
            command.Options.Add(Data);
        }
    }

    /// <summary>Reads the options of one invocation into a <see cref="SampleContext"/>.</summary>
    public SampleContext Bind(ParseResult parseResult, bool acceptsData) => new(
        parseResult.InvocationConfiguration.Output,
        parseResult.GetValue(Output) ?? "symgrad-out",
        parseResult.GetValue(Quick),
        parseResult.GetValue(Epochs),
        parseResult.GetValue(Seed),
        acceptsData ? parseResult.GetValue(Data) : null);
}
