using System.CommandLine;
using System.Diagnostics;
using SymGrad.Samples.Infrastructure;

namespace SymGrad.Samples.Commands;

/// <summary>Runs every section in order with a heading per section, then shows one generated gradient: the README's main command.</summary>
internal static class TourCommand
{
    public static Command Create()
    {
        var options = new SampleOptions();
        var command = new Command("tour", "Runs every sample in order, with a heading per section, writing all plots to the output folder.");
        options.AddTo(command, acceptsData: false);
        command.SetAction(parseResult => Run(options.Bind(parseResult, acceptsData: false), parseResult.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(SampleContext context, System.IO.TextWriter error)
    {
        int failures = 0;
        var total = Stopwatch.StartNew();
        int section = 0;
        foreach (SampleCommand sample in SampleCatalog.All)
        {
            section++;
            Heading(context, $"{section}. {sample.Title}  (symgrad-samples {sample.Name})");
            var watch = Stopwatch.StartNew();
            int code = sample.Run(context);
            context.WriteLine($"[{sample.Name}: exit {code}, {watch.Elapsed.TotalSeconds:F1} s]");
            if (code != 0)
            {
                error.WriteLine($"tour: section '{sample.Name}' exited with {code}");
                failures++;
            }
        }

        section++;
        Heading(context, $"{section}. What SymGrad generated  (symgrad-samples show {ShowCommand.DefaultModel})");
        failures += ShowCommand.Print(context, ShowCommand.DefaultModel) == 0 ? 0 : 1;

        context.WriteLine();
        context.WriteLine($"Tour finished in {total.Elapsed.TotalSeconds:F1} s: {section - failures} of {section} sections succeeded; plots are in {System.IO.Path.GetFullPath(context.OutputDirectory)}");
        return failures == 0 ? 0 : 1;
    }

    private static void Heading(SampleContext context, string title)
    {
        context.WriteLine();
        context.WriteLine("== " + title + " ==");
    }
}
