using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using SymGrad.Samples.Infrastructure;

namespace SymGrad.Samples.Commands;

/// <summary>Runs every section in order with a heading per section, then shows one generated gradient: the README's main command.</summary>
internal static class TourCommand
{
    public static Command Create()
    {
        var options = new SampleOptions();
        var command = new Command("tour", "Runs every sample in order, with a heading per section, writing all plots to the output folder.");
        options.AddTo(command, acceptsData: false, trains: false);
        command.SetAction(parseResult => Run(options.Bind(parseResult, acceptsData: false, trains: false), parseResult.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>
    /// Runs <paramref name="sections"/> (every sample by default). A section that fails is reported on one stderr line and the
    /// tour goes on; the exit code is the worst of the sections' (0, 1 internal, 2 bad input).
    /// </summary>
    public static int Run(SampleContext context, TextWriter error, IReadOnlyList<SampleCommand>? sections = null)
    {
        sections ??= SampleCatalog.All;
        int worst = 0;
        int failures = 0;
        var total = Stopwatch.StartNew();
        int section = 0;
        foreach (SampleCommand sample in sections)
        {
            section++;
            Heading(context, $"{section}. {sample.Title}  (symgrad-samples {sample.Name})");
            var watch = Stopwatch.StartNew();
            int code = RunSection(sample, context, error);
            context.WriteLine($"[{sample.Name}: exit {code}, {watch.Elapsed.TotalSeconds:F1} s]");
            failures += code == 0 ? 0 : 1;
            worst = Math.Max(worst, code);
        }

        section++;
        Heading(context, $"{section}. What SymGrad generated  (symgrad-samples show {ShowCommand.DefaultModel})");
        if (ShowCommand.Print(context, ShowCommand.DefaultModel) != 0)
        {
            error.WriteLine($"tour: section 'show {ShowCommand.DefaultModel}' failed: the generated source of {ShowCommand.DefaultModel} was not found.");
            failures++;
            worst = Math.Max(worst, Failures.InternalError);
        }

        context.WriteLine();
        context.WriteLine($"Tour finished in {total.Elapsed.TotalSeconds:F1} s: {section - failures} of {section} sections succeeded; plots are in {Path.GetFullPath(context.OutputDirectory)}");
        return worst;
    }

    private static int RunSection(SampleCommand sample, SampleContext context, TextWriter error)
    {
        try
        {
            int code = sample.Run(context);
            if (code != 0)
            {
                error.WriteLine($"tour: section '{sample.Name}' failed: {SampleCommand.CheckFailed}");
            }

            return code;
        }
        catch (Exception e)
        {
            error.WriteLine($"tour: section '{sample.Name}' failed: {Failures.Describe(e)}");
            return Failures.ExitCode(e);
        }
    }

    private static void Heading(SampleContext context, string title)
    {
        context.WriteLine();
        context.WriteLine("== " + title + " ==");
    }
}
