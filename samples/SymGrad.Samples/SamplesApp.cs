using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using SymGrad.Samples.Commands;
using SymGrad.Samples.Infrastructure;

namespace SymGrad.Samples;

/// <summary>The command line of the samples: one sub-command per section of the notes, and the tour that runs them all.</summary>
internal static class SamplesApp
{
    /// <summary>The program's name in messages (the root command's own name is the host's, testhost under xunit).</summary>
    public const string ProgramName = "symgrad-samples";

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

    /// <summary>
    /// Parses <paramref name="args"/> and runs the chosen command, writing to the given writers. Every failure ends here as one
    /// line on <paramref name="error"/>: parse errors and other bad input exit 2, internal errors 1 (see <see cref="Failures"/>).
    /// </summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ParseResult parseResult = CreateRootCommand().Parse(args);
        string command = parseResult.CommandResult.Command is RootCommand ? ProgramName : parseResult.CommandResult.Command.Name;
        if (parseResult.Errors.Count > 0)
        {
            string help = command == ProgramName ? $"{ProgramName} --help" : $"{ProgramName} {command} --help";
            error.WriteLine($"{command}: {string.Join(" ", parseResult.Errors.Select(e => e.Message))} (see '{help}')");
            return Failures.BadInput;
        }

        // Without the default handler an exception reaches this catch instead of System.CommandLine's stack-trace printer.
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return parseResult.Invoke(configuration);
        }
        catch (Exception e)
        {
            return Failures.Report(command, e, error);
        }
    }
}
