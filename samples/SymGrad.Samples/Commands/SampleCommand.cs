using System.CommandLine;
using System.IO;
using SymGrad.Samples.Infrastructure;

namespace SymGrad.Samples.Commands;

/// <summary>
/// One section of the notes as a command: it prints what it computes and writes its plots to the output folder.
/// The tour runs the same <see cref="Run"/> with the tour's options.
/// </summary>
internal abstract class SampleCommand
{
    /// <summary>The command name on the command line.</summary>
    public abstract string Name { get; }

    /// <summary>The one-line description shown by <c>--help</c>.</summary>
    public abstract string Description { get; }

    /// <summary>The section heading in the tour.</summary>
    public abstract string Title { get; }

    /// <summary>Whether <c>--data &lt;csv&gt;</c> applies (the classifiers).</summary>
    public virtual bool AcceptsData => false;

    /// <summary>Runs the section; returns the process exit code.</summary>
    public abstract int Run(SampleContext context);

    /// <summary>Creates the System.CommandLine command with the shared options.</summary>
    public virtual Command CreateCommand()
    {
        var options = new SampleOptions();
        var command = new Command(Name, Description);
        options.AddTo(command, AcceptsData);
        command.SetAction(parseResult => RunReportingErrors(options.Bind(parseResult, AcceptsData), parseResult.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Runs the section, turning a bad input (a missing or malformed data file) into a message and exit code 2.</summary>
    protected int RunReportingErrors(SampleContext context, TextWriter error)
    {
        try
        {
            return Run(context);
        }
        catch (SampleInputException e)
        {
            error.WriteLine($"{Name}: {e.Message}");
            return 2;
        }
    }
}
