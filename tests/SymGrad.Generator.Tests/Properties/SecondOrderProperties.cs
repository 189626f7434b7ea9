using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Property (issue 11): the random programs of every first-order family, asked for
/// <c>[Differentiable(Tangent = true, Hessian = true)]</c>, get forward-mode methods that agree with
/// their gradients (and a vector-valued wrapper of each, its <c>FJacobian</c>): <c>FTangent</c> is the gradient's directional derivative, <c>FHessianVectorProduct</c>
/// matches central differences of <c>FGradient</c> where the gradient is smooth within the step, and
/// <c>FHessian</c> is symmetric with the products as columns (<see cref="SecondOrderBatch"/>). Each
/// family runs a few batches of one compilation each (compiling is the cost); together they check
/// well over 300 programs a run. Call graphs are inlined (a call through a compiled pullback has no
/// second derivatives: SYMGRAD0023, whose methods the batch excludes and counts).
/// </summary>
public class SecondOrderProperties
{
    private readonly ITestOutputHelper output;

    public SecondOrderProperties(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void ForwardModeOfRandomExpressionsAgreesWithTheGradient() =>
        Run("expressions", RandomExpression.Of(4), programsPerBatch: 60, batches: 2, arrayLength: 0, (e, i) => new SecondOrderBatch.Program(
            $"using System;\nusing SymGrad;\npublic static partial class T{i}_A\n{{\n    [Differentiable] public static double F(double x, double y, double z) => {e.Render()};\n}}\n",
            0,
            ExpressionBatch.Points.Select(p => new SecondOrderBatch.Point(new[] { p.X, p.Y, p.Z }, Array.Empty<int>(), Array.Empty<double>())).ToArray()));

    [Fact]
    public void ForwardModeOfRandomLoopProgramsAgreesWithTheGradient() =>
        Run("loop programs", RandomLoopProgram.Programs, programsPerBatch: 25, batches: 2, RandomLoopProgram.Length, LoopProgram);

    [Fact]
    public void ForwardModeOfRandomProgramsWithLoopExitsAgreesWithTheGradient() =>
        Run("exit-loop programs", RandomExitLoopProgram.Programs, programsPerBatch: 25, batches: 2, RandomLoopProgram.Length, LoopProgram);

    [Fact]
    public void ForwardModeOfRandomPathProgramsAgreesWithTheGradient() =>
        Run("path programs", RandomPathProgram.Programs, programsPerBatch: 30, batches: 2, arrayLength: 3, (p, i) => new SecondOrderBatch.Program(
            $"using System;\nusing SymGrad;\npublic static partial class T{i}_A\n{{\n{p.Render("F")}}}\n",
            0,
            p.Points.Select(q => new SecondOrderBatch.Point(new[] { q.X, q.Y }.Concat(q.A).ToArray(), new[] { q.K }, Array.Empty<double>())).ToArray()));

    [Fact]
    public void ForwardModeOfRandomCallGraphsAgreesWithTheGradient() =>
        Run("call graphs (inlined calls)", CallGraphProgram.Programs, programsPerBatch: 12, batches: 2, CallGraphProgram.ArrayLength, (p, i) => new SecondOrderBatch.Program(p.Render("T" + i + "_"), p.PointSeed));

    private static SecondOrderBatch.Program LoopProgram(RandomLoopProgram program, int index) => new(
        $"using System;\nusing SymGrad;\npublic static partial class T{index}_A\n{{\n{program.Render("F")}}}\n",
        0,
        program.Points.Select(p => new SecondOrderBatch.Point(p.A.Append(p.X).ToArray(), Array.Empty<int>(), p.B)).ToArray());

    private void Run<T>(string family, Gen<T> programs, int programsPerBatch, int batches, int arrayLength, Func<T, int, SecondOrderBatch.Program> render)
    {
        long generatorTicks = 0, compileTicks = 0, checkTicks = 0, generatedSize = 0;
        int programCount = 0, methods = 0, excluded = 0, points = 0, unusable = 0, tangents = 0, products = 0, skipped = 0, hessians = 0, throwing = 0, jacobians = 0;
        var clock = Stopwatch.StartNew();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        programs.Array[programsPerBatch].Sample(
            batch =>
            {
                SecondOrderBatch.Outcome outcome = SecondOrderBatch.Check(batch.Select(render).ToList(), arrayLength);
                if (outcome.Failure is { } failure)
                {
                    throw new InvalidOperationException(failure);
                }

                Interlocked.Add(ref generatorTicks, outcome.GeneratorTime.Ticks);
                Interlocked.Add(ref compileTicks, outcome.CompileTime.Ticks);
                Interlocked.Add(ref checkTicks, outcome.CheckTime.Ticks);
                Interlocked.Add(ref generatedSize, outcome.GeneratedSize);
                Interlocked.Add(ref programCount, batch.Length);
                Interlocked.Add(ref methods, outcome.Methods);
                Interlocked.Add(ref excluded, outcome.Excluded);
                Interlocked.Add(ref points, outcome.Points);
                Interlocked.Add(ref unusable, outcome.Unusable);
                Interlocked.Add(ref tangents, outcome.TangentsChecked);
                Interlocked.Add(ref products, outcome.ProductsChecked);
                Interlocked.Add(ref skipped, outcome.ProductsSkipped);
                Interlocked.Add(ref hessians, outcome.HessiansChecked);
                Interlocked.Add(ref throwing, outcome.Throwing);
                Interlocked.Add(ref jacobians, outcome.JacobiansChecked);
            },
            iter: batches,
            threads: 2,
            print: batch => $"a batch of {batch.Length} {family} (the exception names the failing program and point)");

        output.WriteLine($"{family}: {programCount} programs, {methods} methods ({excluded} excluded by SYMGRAD0023); "
            + $"{points} points: {throwing} where every method throws, {unusable} with an overflowing value, gradient or forward-mode partial, {tangents} tangents checked, "
            + $"{products} Hessian-vector products checked by differences and {skipped} skipped (the gradient not smooth within the step); {hessians} Hessians checked; {jacobians} Jacobians of vector wrappers checked; {clock.Elapsed.TotalSeconds:F1} s, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s of process CPU time "
            + $"({TimeSpan.FromTicks(generatorTicks).TotalSeconds:F1} s generating, {TimeSpan.FromTicks(compileTicks).TotalSeconds:F1} s compiling, {TimeSpan.FromTicks(checkTicks).TotalSeconds:F1} s checking; {generatedSize / 1000} kB of generated code)");
        Assert.True(excluded <= methods / 5, $"{excluded} of {methods} methods excluded by SYMGRAD0023");
        Assert.True(tangents >= (points - throwing) * 0.9, $"only {tangents} of {points - throwing} tangents could be checked");
        Assert.True(products >= tangents * 0.8, $"only {products} of {tangents} products could be checked by differences");
        Assert.True(hessians >= (methods - excluded) * 0.8, $"only {hessians} of {methods - excluded} Hessians checked");
        Assert.True(jacobians >= tangents * 0.9, $"only {jacobians} of {tangents} vector wrappers' Jacobians checked");
    }
}
