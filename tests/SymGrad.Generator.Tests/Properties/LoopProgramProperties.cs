using System;
using System.Linq;
using System.Threading;
using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Property: for random programs with loops over arrays (<see cref="RandomLoopProgram"/>), the
/// generated gradient returns the method's value (<see cref="ReturnedValue"/>), and its derivatives with respect to
/// <c>x</c> and every <c>a[k]</c> agree with central finite differences. Programs are compiled
/// through the generator in memory in batches (compiling is the cost); a failure names the program
/// (its C# source) and the point.
/// </summary>
public class LoopProgramProperties
{
    private const int ProgramsPerBatch = 40;
    private const int Batches = 15;

    private readonly ITestOutputHelper output;

    public LoopProgramProperties(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void GeneratedGradientsOfRandomLoopProgramsMatchFiniteDifferences()
    {
        int programCount = 0;
        int checkedPoints = 0;
        int skippedPoints = 0;
        Gen<RandomLoopProgram[]> batches = RandomLoopProgram.Programs.Array[ProgramsPerBatch];

        batches.Sample(
            programs =>
            {
                BatchCheck batch = LoopProgramBatch.Check(programs);
                if (!batch.Passed)
                {
                    throw new InvalidOperationException(batch.Failure);
                }

                Interlocked.Add(ref programCount, programs.Length);
                Interlocked.Add(ref checkedPoints, batch.Checked);
                Interlocked.Add(ref skippedPoints, batch.Skipped);
            },
            iter: Batches,
            threads: 2,
            print: programs => $"a batch of {programs.Length} programs (the exception names the failing program and point)");

        int total = programCount * RandomLoopProgram.PointsPerProgram;
        output.WriteLine($"{programCount} programs, {checkedPoints} of {total} points checked, {skippedPoints} skipped (non-smooth within the step, or overflow)");
        Assert.True(programCount >= 500, $"only {programCount} programs checked");
        Assert.True(checkedPoints >= total * 0.9, $"only {checkedPoints} of {total} points could be checked");
    }
}
