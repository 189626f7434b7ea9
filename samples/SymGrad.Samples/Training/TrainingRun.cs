using System;
using System.Collections.Generic;
using Spectre.Console;
using SymGrad.Data;
using SymGrad.Optimizers;
using SymGrad.Samples.Infrastructure;
using SymGrad.Training;

namespace SymGrad.Samples.Training;

/// <summary>
/// Runs a <see cref="Trainer"/> and shows a Spectre.Console progress bar while it trains, but only on an interactive
/// terminal: with output redirected (a pipe, a file, a test, CI) there is no bar and nothing but the command's own lines.
/// </summary>
internal static class TrainingRun
{
    public static TrainingResult Fit(SampleContext context, string label, IOptimizer optimizer, LossAndGradient loss, double[] parameters, DataSet data, TrainerOptions options)
    {
        var trainer = new Trainer(optimizer, loss, options);
        if (!ShowsProgressBar(context))
        {
            return trainer.Fit(parameters, data);
        }

        TrainingResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(progressContext =>
            {
                ProgressTask task = progressContext.AddTask(Markup.Escape(label), maxValue: options.Epochs);
                var progress = new SynchronousProgress<EpochProgress>(p =>
                {
                    task.Value = p.Epoch;
                    task.Description = Markup.Escape($"{label}: loss {SampleContext.F(p.TrainingLoss)}");
                });
                result = trainer.Fit(parameters, data, progress);
            });
        return result!;
    }

    /// <summary>
    /// Refuses a run that diverged: its parameters are the last good ones, and printing their accuracy as a result would hide
    /// that the learning rate was too large. lr-finder's deliberately too-large run does not call this.
    /// </summary>
    public static void RequireConverged(TrainingResult result)
    {
        if (result.Diverged)
        {
            throw new SampleInputException(result.Message.TrimEnd('.') + " with --learning-rate.");
        }
    }

    /// <summary>The training losses per epoch.</summary>
    public static double[] Losses(TrainingResult result)
    {
        var losses = new List<double>(result.History.Count);
        foreach (EpochProgress epoch in result.History)
        {
            losses.Add(epoch.TrainingLoss);
        }

        return losses.ToArray();
    }

    /// <summary>Prints the loss every <paramref name="every"/> epochs (and the last), and how training ended.</summary>
    public static void PrintLosses(SampleContext context, TrainingResult result, int every, string lossName)
    {
        for (int i = 0; i < result.History.Count; i++)
        {
            if ((i + 1) % every == 0 || i == 0 || i == result.History.Count - 1)
            {
                context.WriteLine($"  epoch {i + 1,4}: {lossName} = {SampleContext.F(result.History[i].TrainingLoss, 5)}");
            }
        }

        if (result.StopReason != StopReason.Completed)
        {
            context.WriteLine("  " + result.Message);
        }
    }

    private static bool ShowsProgressBar(SampleContext context) =>
        ReferenceEquals(context.Out, Console.Out)
        && !Console.IsOutputRedirected
        && AnsiConsole.Profile.Capabilities.Interactive;
}
