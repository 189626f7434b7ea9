using System.CommandLine;
using SymGrad.Samples.Infrastructure;

namespace SymGrad.Samples.Commands;

/// <summary>
/// One section of the notes as a command: it prints what it computes and writes its plots to the output folder.
/// The tour runs the same <see cref="Run"/> with the tour's options. Bad input and internal errors are thrown and reported
/// once, at the top (<see cref="SamplesApp.Run"/>) or by the tour.
/// </summary>
internal abstract class SampleCommand
{
    /// <summary>The stderr line of a section whose own check of a generated gradient failed (it returned a non-zero code).</summary>
    public const string CheckFailed = "a check of a generated gradient against its reference failed; the output above shows which.";

    /// <summary>The command name on the command line.</summary>
    public abstract string Name { get; }

    /// <summary>The one-line description shown by <c>--help</c>.</summary>
    public abstract string Description { get; }

    /// <summary>The section heading in the tour.</summary>
    public abstract string Title { get; }

    /// <summary>Whether <c>--data &lt;csv&gt;</c> applies (the classifiers).</summary>
    public virtual bool AcceptsData => false;

    /// <summary>Whether the command trains with a fixed learning rate, so that <c>--learning-rate</c> applies.</summary>
    public virtual bool Trains => false;

    /// <summary>Runs the section; returns 0, or 1 when one of its checks of a generated gradient failed.</summary>
    public abstract int Run(SampleContext context);

    /// <summary>Creates the System.CommandLine command with the shared options.</summary>
    public virtual Command CreateCommand()
    {
        var options = new SampleOptions();
        var command = new Command(Name, Description);
        options.AddTo(command, AcceptsData, Trains);
        command.SetAction(parseResult =>
        {
            int code = Run(options.Bind(parseResult, AcceptsData, Trains));
            if (code != 0)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"{Name}: {CheckFailed}");
            }

            return code;
        });
        return command;
    }
}
