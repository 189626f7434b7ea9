using System;
using System.CommandLine;

namespace SymGrad.Samples.Commands;

/// <summary>Runs every section in order with a heading per section: the README's main job.</summary>
internal static class TourCommand
{
    private static readonly (string Title, Func<int> Run)[] Sections =
    {
        ("The perceptron and the logistic unit", PerceptronCommand.Run),
        ("Generated gradients against finite differences", GradientCheckCommand.Run),
    };

    public static Command Create()
    {
        var command = new Command("tour", "Runs every sample in order.");
        command.SetAction(_ => Run());
        return command;
    }

    private static int Run()
    {
        int failures = 0;
        foreach ((string title, Func<int> run) in Sections)
        {
            Console.WriteLine();
            Console.WriteLine("== " + title + " ==");
            failures += run() == 0 ? 0 : 1;
        }

        return failures == 0 ? 0 : 1;
    }
}
