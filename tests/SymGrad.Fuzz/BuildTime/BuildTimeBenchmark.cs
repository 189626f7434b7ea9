using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SymGrad.Generator.Tests.Hardening;
using SymGrad.Generator.Tests.Infrastructure;

namespace SymGrad.Fuzz.BuildTime;

/// <summary>
/// <c>--build-time</c>: the generator's own time (the driver's timing, which excludes parsing and
/// binding the user's code) on a project of <see cref="ScaleCompilation"/> with 200 differentiable
/// methods: a cold first run (JIT included), warm full runs with a fresh driver (a clean build in a
/// warm compiler server), and an edit in one method body with the previous driver (an IDE
/// keystroke). Single-threaded: the in-memory driver runs the generator on the calling thread.
/// </summary>
internal static class BuildTimeBenchmark
{
    private const int WarmRuns = 7;

    public static void Run(int methods)
    {
        string[] sources = ScaleCompilation.Sources(methods);
        CSharpCompilation compilation = GeneratorHarness.Compile(sources);
        int lines = sources.Sum(s => s.Split('\n').Length);

        GeneratorRun cold = GeneratorHarness.Run(compilation, GeneratorHarness.CreateDriver());
        TimeSpan coldTime = cold.Driver.GetTimingInfo().ElapsedTime;
        int problems = cold.GeneratorDiagnostics.Length + cold.OutputProblems.Count;

        var warm = new List<double>();
        var warmCpu = new List<double>();
        for (int i = 0; i < WarmRuns; i++)
        {
            // CPU time of the process next to the driver's wall-clock time: on a shared machine the first says what one core spends.
            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            warm.Add(GeneratorHarness.Run(compilation.Clone(), GeneratorHarness.CreateDriver()).Driver.GetTimingInfo().ElapsedTime.TotalMilliseconds);
            warmCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
        }

        var edits = new List<double>();
        var editCpu = new List<double>();
        GeneratorDriver driver = cold.Driver;
        SyntaxTree tree = compilation.SyntaxTrees.First();
        CSharpCompilation current = compilation;
        for (int i = 0; i < WarmRuns; i++)
        {
            SyntaxTree edited = ScaleCompilation.EditFirstMethodBody(tree, i + 2);
            current = current.ReplaceSyntaxTree(tree, edited);
            tree = edited;
            TimeSpan cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            driver = driver.RunGenerators(current);
            editCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
            edits.Add(driver.GetTimingInfo().ElapsedTime.TotalMilliseconds);
        }

        Console.WriteLine($"build time: {methods} [Differentiable] methods in {sources.Length} files ({lines} lines), {cold.Generated.Count} generated files, {problems} problems");
        Console.WriteLine($"build time: cold first run {coldTime.TotalMilliseconds:F0} ms (JIT included); warm full run median {Median(warm):F0} ms (min {warm.Min():F0}, max {warm.Max():F0}; process CPU median {Median(warmCpu):F0} ms, with the binding the generator asks the compiler for); edit in one method body median {Median(edits):F1} ms (process CPU {Median(editCpu):F1} ms)");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[sorted.Count / 2];
    }
}
