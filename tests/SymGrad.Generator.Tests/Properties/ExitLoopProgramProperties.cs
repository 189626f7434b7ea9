using System;
using System.Threading;
using CsCheck;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Generator.Tests.Properties;

/// <summary>
/// Property: for random programs whose loops stop early or stride (<see cref="RandomExitLoopProgram"/>:
/// <c>while</c>, <c>do</c>, <c>break</c>, <c>continue</c>, <c>return</c> inside loops, strides and
/// <c>!=</c>), the generated gradient returns the method's value (<see cref="ReturnedValue"/>) and its derivatives agree with
/// central finite differences. Compiled in batches like <see cref="LoopProgramProperties"/>.
/// </summary>
public class ExitLoopProgramProperties
{
    private const int ProgramsPerBatch = 50;
    private const int Batches = 12;

    private readonly ITestOutputHelper output;

    public ExitLoopProgramProperties(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void GeneratedGradientsOfRandomProgramsWithLoopExitsMatchFiniteDifferences()
    {
        int programCount = 0;
        int checkedPoints = 0;
        int skippedPoints = 0;
        Gen<RandomLoopProgram[]> batches = RandomExitLoopProgram.Programs.Array[ProgramsPerBatch];

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
        output.WriteLine($"{programCount} programs, {checkedPoints} of {total} points checked, {skippedPoints} skipped (a jump in the iteration count within the step, non-smooth, or overflow)");
        Assert.True(programCount >= 500, $"only {programCount} programs checked");
        Assert.True(checkedPoints >= total * 0.85, $"only {checkedPoints} of {total} points could be checked");
    }
}
