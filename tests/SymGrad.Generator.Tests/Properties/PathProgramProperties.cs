using System;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using CsCheck;
using SymGrad.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Property (issue 9): for random programs with guarded early returns, short-circuit conditions
/// with conditionals on the right, and singular values unused on the path taken
/// (<see cref="RandomPathProgram"/>), the generated gradient throws exactly when the method throws,
/// returns the method's value (<see cref="ReturnedValue"/>), has no NaN or infinite partial where the value is finite, and
/// agrees with central finite differences wherever differences can be taken.
/// </summary>
public class PathProgramProperties
{
    private const int ProgramsPerBatch = 40;
    private const int Batches = 10;

    private readonly ITestOutputHelper output;

    public PathProgramProperties(ITestOutputHelper output) => this.output = output;

    private delegate double PathGradient(double x, double y, double[] a, int k, out double dx, out double dy, Span<double> da);

    [Fact]
    public void GradientsOfRandomPathProgramsAreFiniteAndMatchFiniteDifferences()
    {
        int programCount = 0;
        int checkedPoints = 0;
        int throwing = 0;
        RandomPathProgram.Programs.Array[ProgramsPerBatch].Sample(
            programs =>
            {
                (int checkedHere, int throwingHere) = CheckBatch(programs);
                Interlocked.Add(ref programCount, programs.Length);
                Interlocked.Add(ref checkedPoints, checkedHere);
                Interlocked.Add(ref throwing, throwingHere);
            },
            iter: Batches,
            threads: 1,
            print: programs => $"a batch of {programs.Length} programs (the exception names the failing program and point)");

        int total = programCount * 3;
        output.WriteLine($"{programCount} programs, {checkedPoints} of {total} points checked by differences, {throwing} points where both throw");
        Assert.True(checkedPoints >= total / 2, $"only {checkedPoints} of {total} points could be checked");
    }

    private static (int Checked, int Throwing) CheckBatch(RandomPathProgram[] programs)
    {
        var source = new StringBuilder("using System;\nusing SymGrad;\npublic static partial class Paths\n{\n");
        for (int i = 0; i < programs.Length; i++)
        {
            source.Append(programs[i].Render("F" + i));
        }

        GeneratorRun run = GeneratorHarness.Run(source.Append("}\n").ToString());
        var problems = run.GeneratorDiagnostics.Concat(run.OutputProblems).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("generator or compile problems:\n" + string.Join("\n", problems.Take(5)) + "\n" + source);
        }

        Type type = run.Load().GetType("Paths")!;
        int checkedPoints = 0;
        int throwing = 0;
        for (int i = 0; i < programs.Length; i++)
        {
            var f = type.GetMethod("F" + i)!.CreateDelegate<Func<double, double, double[], int, double>>();
            var gradient = type.GetMethod("F" + i + "Gradient")!.CreateDelegate<PathGradient>();
            foreach (RandomPathProgram.Point point in programs[i].Points)
            {
                string? failure = CheckPoint(f, gradient, point, out bool differenced, out bool threw);
                if (failure is not null)
                {
                    throw new InvalidOperationException($"F{i} at {point}: {failure}\n{programs[i].Render("F" + i)}");
                }

                checkedPoints += differenced ? 1 : 0;
                throwing += threw ? 1 : 0;
            }
        }

        return (checkedPoints, throwing);
    }

    private static string? CheckPoint(Func<double, double, double[], int, double> f, PathGradient gradient, RandomPathProgram.Point p, out bool differenced, out bool threw)
    {
        differenced = false;
        threw = false;
        double[] da = new double[3];
        double dx = 0, dy = 0;
        Exception? methodError = null, gradientError = null;
        double expected = 0, value = 0;
        try
        {
            expected = f(p.X, p.Y, p.A, p.K);
        }
        catch (Exception e)
        {
            methodError = e;
        }

        try
        {
            value = gradient(p.X, p.Y, p.A, p.K, out dx, out dy, da);
        }
        catch (Exception e)
        {
            gradientError = e;
        }

        if (methodError is not null || gradientError is not null)
        {
            threw = true;
            return methodError?.GetType() == gradientError?.GetType()
                ? null
                : $"the method threw {methodError?.GetType().Name ?? "nothing"}, the gradient {gradientError?.GetType().Name ?? "nothing"}";
        }

        if (!ReturnedValue.Matches(expected, value))
        {
            return $"value {value:R}, but the method returns {expected:R}";
        }

        double[] analytic = new[] { dx, dy }.Concat(da).ToArray();
        if (double.IsFinite(expected) && analytic.Any(g => !double.IsFinite(g)))
        {
            return $"the value is finite but the gradient is [{string.Join(", ", analytic)}]";
        }

        for (int c = 0; c < analytic.Length; c++)
        {
            double fine = Difference(f, p, c, 1e-6);
            double coarse = Difference(f, p, c, 1e-4);
            if (!double.IsFinite(fine) || Math.Abs(fine - coarse) > 1e-3 * (1 + Math.Abs(fine)))
            {
                return null; // a branch switch within the step: differences say nothing at this point
            }

            double estimate = analytic[c];
            bool matches = new[] { 1e-6, 1e-5, 1e-4 }.Select(h => Difference(f, p, c, h)).Any(d => Math.Abs(estimate - d) <= 1e-5 + 1e-4 * Math.Abs(d));
            if (!matches)
            {
                return $"coordinate {c} (x, y, a[0], a[1], a[2]): generated {estimate:R}, finite differences {fine:R}";
            }
        }

        differenced = true;
        return null;
    }

    private static double Difference(Func<double, double, double[], int, double> f, RandomPathProgram.Point p, int c, double h)
    {
        double Eval(double step)
        {
            double[] a = (double[])p.A.Clone();
            double x = p.X, y = p.Y;
            if (c == 0) x += step;
            else if (c == 1) y += step;
            else a[c - 2] += step;
            return f(x, y, a, p.K);
        }

        return (Eval(h) - Eval(-h)) / (2 * h);
    }
}
