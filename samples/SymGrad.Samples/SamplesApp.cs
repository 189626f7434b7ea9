using System.CommandLine;
using System.IO;
using SymGrad.Samples.Commands;

namespace SymGrad.Samples;

/// <summary>The command line of the samples: one sub-command per section of the notes, and the tour that runs them all.</summary>
internal static class SamplesApp
{
    /// <summary>Builds the root command with every sample command.</summary>
    public static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("SymGrad samples: the lecture notes' models with generated gradients, printed and plotted.");
        foreach (SampleCommand sample in SampleCatalog.All)
        {
            root.Subcommands.Add(sample.CreateCommand());
        }

        root.Subcommands.Add(ShowCommand.Create());
        root.Subcommands.Add(TourCommand.Create());
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command, writing to the given writers.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return CreateRootCommand().Parse(args).Invoke(configuration);
    }
}
