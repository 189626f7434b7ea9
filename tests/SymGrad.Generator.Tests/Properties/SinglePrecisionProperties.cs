using System;
using System.Globalization;
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
/// Properties of <c>float</c> methods (issue 12, part 5; docs/single-precision.md): the <c>float</c> twin of a random method
/// (<see cref="SinglePrecisionTwins.InSingle"/>) generates, compiles, and its gradient agrees with the <c>double</c>
/// method's to <c>float</c> rounding (<see cref="SinglePrecisionTwins.Judge"/>). The consumer tests check each <c>float</c>
/// model of the samples against its twin; these cover every function, operator and conditional of the random expressions,
/// and the loop shapes printed as <c>float</c> vector kernels at lengths around their widths.
/// </summary>
public class SinglePrecisionProperties
{
    private const int ExpressionsPerBatch = 50;
    private const int ExpressionBatches = 8;
    private const int ProgramsPerBatch = 16;
    private const int ProgramBatches = 4;
    private const int LoopProgramsPerBatch = 40;
    private const int LoopProgramBatches = 4;

    /// <summary>
    /// Lengths around the <c>float</c> kernels' widths: eight lanes a vector, blocks of 32 in <c>Kernels.Dot</c>, sixteen
    /// lanes in the element-wise loops (docs/single-precision.md), each with no tail, a short one and a long one.
    /// </summary>
    private static readonly int[] FloatLengths = { 0, 1, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33 };

    private delegate double DoubleGradient(double[] a, double x, double[] b, Span<double> da, out double dx, Span<double> db);

    private delegate float SingleGradient(float[] a, float x, float[] b, Span<float> da, out float dx, Span<float> db);

    private delegate double DoubleLoopGradient(double[] a, double x, double[] b, Span<double> da, out double dx);

    private delegate float SingleLoopGradient(float[] a, float x, float[] b, Span<float> da, out float dx);

    private readonly ITestOutputHelper output;

    public SinglePrecisionProperties(ITestOutputHelper output) => this.output = output;

    [Fact]
    public void FloatGradientsOfRandomExpressionsAgreeWithTheirDoubleTwins()
    {
        int checkedPoints = 0;
        int skippedPoints = 0;
        int outOfRange = 0;
        int batches = 0;
        RandomExpression.Of(4).Array[ExpressionsPerBatch].Sample(
            expressions =>
            {
                BatchCheck batch = SinglePrecisionBatch.Check(expressions, out int overflowed);
                if (!batch.Passed)
                {
                    throw new InvalidOperationException(batch.Failure);
                }

                Interlocked.Add(ref checkedPoints, batch.Checked);
                Interlocked.Add(ref skippedPoints, batch.Skipped);
                Interlocked.Add(ref outOfRange, overflowed);
                Interlocked.Increment(ref batches);
            },
            iter: ExpressionBatches,
            threads: 1,
            print: expressions => SinglePrecisionBatch.Source(expressions));

        int points = batches * ExpressionsPerBatch * SinglePrecisionBatch.Points.Length;
        output.WriteLine($"{batches * ExpressionsPerBatch} expressions, {checkedPoints} of {points} points judged; {skippedPoints} not ({outOfRange} past float's range or resolution, the rest where the double method moves by more than the tolerance within the step, is not finite, or differs from the float method by more than a tenth of the bar)");
        Assert.True(batches >= ExpressionBatches, $"only {batches} batches");
        Assert.True(checkedPoints >= points * 0.9, $"only {checkedPoints} of {points} points could be judged");
        Assert.True(outOfRange <= points * 0.02, $"{outOfRange} of {points} points are past float's range");
    }

    /// <summary>
    /// The programs of <see cref="VectorisedProgramProperties"/> (dot products at offsets, fused sums split, per-row dot
    /// products into a nonlinearity, their reverse's row updates) at <see cref="FloatLengths"/>, around the <c>float</c>
    /// kernels' widths.
    /// </summary>
    [Fact]
    public void FloatGradientsOfVectorisedProgramsAgreeWithTheirDoubleTwins()
    {
        int programCount = 0, judged = 0, points = 0, floatDots = 0;
        Gen.Int[0, int.MaxValue].Array[ProgramsPerBatch].Sample(
            seeds =>
            {
                string[] programs = seeds.Select(VectorisedProgramProperties.Program).ToArray();
                var source = new StringBuilder("using System;\nusing SymGrad;\npublic static partial class Twins\n{\n");
                for (int i = 0; i < programs.Length; i++)
                {
                    string method = $"    [Differentiable]\n    public static double D{i}(double[] a, double x, double[] b)\n    {{\n{programs[i]}    }}\n\n";
                    source.Append(method).Append(SinglePrecisionTwins.InSingle(method.Replace(" D" + i + "(", " S" + i + "(", StringComparison.Ordinal)));
                }

                GeneratorRun run = GeneratorHarness.Run(source.Append("}\n").ToString());
                Assert.True(run.GeneratorDiagnostics.Length == 0 && run.OutputProblems.Count == 0, string.Join("\n", run.GeneratorDiagnostics.Concat(run.OutputProblems)) + "\n" + source);
                Interlocked.Add(ref floatDots, run.Generated.Where(g => g.HintName.StartsWith("Twins.S", StringComparison.Ordinal)).Sum(g => VectorisedProgramProperties.CountOf(g.Source, "Kernels.Dot(")));
                Interlocked.Add(ref programCount, seeds.Length);

                Type type = run.Load().GetType("Twins")!;
                for (int i = 0; i < programs.Length; i++)
                {
                    var random = new Random(seeds[i]);
                    int n = FloatLengths[seeds[i] % FloatLengths.Length];
                    var twin = type.GetMethod("D" + i + "Gradient")!.CreateDelegate<DoubleGradient>();
                    var single = type.GetMethod("S" + i + "Gradient")!.CreateDelegate<SingleGradient>();
                    var method = type.GetMethod("S" + i)!.CreateDelegate<Func<float[], float, float[], float>>();
                    for (int p = 0; p < 2; p++)
                    {
                        float[] a = Draw(random, 3 * n), b = Draw(random, n);
                        float x = (float)((random.NextDouble() * 2) - 1);
                        Interlocked.Increment(ref points);
                        double[] inputs = a.Select(v => (double)v).Append(x).Concat(b.Select(v => (double)v)).ToArray();
                        double[] expected = Evaluate(twin, inputs, n);
                        float[] da = new float[a.Length], db = new float[b.Length];
                        float value = single(a, x, b, da, out float dx, db);
                        float[] actual = new[] { value }.Concat(da).Append(dx).Concat(db).ToArray();
                        switch (SinglePrecisionTwins.Judge(expected, SinglePrecisionTwins.Neighbours(inputs).Select(moved => Evaluate(twin, moved, n)), actual, method(a, x, b), pastRange: false, out string? failure))
                        {
                            case SinglePrecisionTwins.Outcome.Mismatch:
                                throw new InvalidOperationException($"S{i} (n = {n}) at a = {{{Join(a)}}}, x = {x.ToString("R", CultureInfo.InvariantCulture)}, b = {{{Join(b)}}} (partials by a, x, b): {failure}\n{SinglePrecisionTwins.InSingle(programs[i])}");
                            case SinglePrecisionTwins.Outcome.Agrees:
                                Interlocked.Increment(ref judged);
                                break;
                        }
                    }
                }
            },
            iter: ProgramBatches,
            threads: 2,
            print: seeds => "seeds " + string.Join(", ", seeds));

        output.WriteLine($"{programCount} programs, {judged} of {points} points judged, {floatDots} generated float Kernels.Dot calls");
        Assert.True(programCount >= ProgramsPerBatch * ProgramBatches, $"only {programCount} programs");
        Assert.True(floatDots > 0, "no float Kernels.Dot call was generated");
        Assert.True(judged >= points * 0.9, $"only {judged} of {points} points could be judged");
    }

    /// <summary>
    /// The random loop programs of <see cref="LoopProgramProperties"/> (recurrences, descending and nested loops,
    /// <c>foreach</c>, branches, scratch arrays, taped loops, the vector functions of <c>SymMath</c>) in <c>float</c>, at their
    /// own length (<see cref="RandomLoopProgram.Length"/>). A probed copy of each <c>float</c> method
    /// (<see cref="FloatRangeProbe"/>) tells the points where a forward intermediate passes <c>float</c>'s range; those
    /// where the <c>float</c> gradient is then not finite are counted, not judged: there the chain rule can meet 0 x
    /// infinity (docs/second-order.md, "Not covered"). Before the probe such a point failed the test now and then (a norm
    /// of squares overflowed under a tanh: value 1.68, every <c>float</c> partial NaN). Arrays stretched to 17 elements
    /// reach a limit the probe cannot see: the gradient of a log-sum-exp of values near 5e10, exp(x - lse) with lse
    /// rounded to a multiple of 4096, is off by a factor of up to n (docs/single-precision.md).
    /// </summary>
    [Fact]
    public void FloatGradientsOfRandomLoopProgramsAgreeWithTheirDoubleTwins()
    {
        int programCount = 0, judged = 0, points = 0, outOfRange = 0, vectorLoops = 0;
        RandomLoopProgram.Programs.Array[LoopProgramsPerBatch].Sample(
            programs =>
            {
                var source = new StringBuilder("using System;\nusing SymGrad;\npublic static partial class LoopTwins\n{\n");
                for (int i = 0; i < programs.Length; i++)
                {
                    string single = SinglePrecisionTwins.InSingle(programs[i].Render("S" + i));
                    source.Append(programs[i].Render("D" + i)).Append(single).Append(FloatRangeProbe.Instrument(single, "R" + i));
                }

                GeneratorRun run = GeneratorHarness.Run(source.Append("}\n").Append(FloatRangeProbe.Support).ToString());
                Assert.True(run.GeneratorDiagnostics.Length == 0 && run.OutputProblems.Count == 0, string.Join("\n", run.GeneratorDiagnostics.Concat(run.OutputProblems)) + "\n" + source);
                Interlocked.Add(ref programCount, programs.Length);
                Interlocked.Add(ref vectorLoops, run.Generated.Where(g => g.HintName.StartsWith("LoopTwins.S", StringComparison.Ordinal)).Sum(g => VectorisedProgramProperties.CountOf(g.Source, "Lanes.SingleCount elements at a time")));

                Assembly assembly = run.Load();
                Type type = assembly.GetType("LoopTwins")!;
                FieldInfo past = assembly.GetType("RangeProbe")!.GetField("Past")!;
                for (int i = 0; i < programs.Length; i++)
                {
                    var twin = type.GetMethod("D" + i + "Gradient")!.CreateDelegate<DoubleLoopGradient>();
                    var probe = type.GetMethod("R" + i)!.CreateDelegate<Func<float[], float, float[], float>>();
                    var single = type.GetMethod("S" + i + "Gradient")!.CreateDelegate<SingleLoopGradient>();
                    var method = type.GetMethod("S" + i)!.CreateDelegate<Func<float[], float, float[], float>>();
                    foreach (RandomLoopProgram.LoopPoint point in programs[i].Points)
                    {
                        float[] a = point.A.Select(v => (float)v).ToArray(), b = point.B.Select(v => (float)v).ToArray();
                        float x = (float)point.X;
                        double[] wide = b.Select(v => (double)v).ToArray();
                        double[] inputs = a.Select(v => (double)v).Append(x).ToArray();
                        Interlocked.Increment(ref points);
                        float[] da = new float[a.Length];
                        float value = single((float[])a.Clone(), x, (float[])b.Clone(), da, out float dx);
                        float[] actual = new[] { value }.Concat(da).Append(dx).ToArray();
                        float floatValue = method((float[])a.Clone(), x, (float[])b.Clone());
                        past.SetValue(null, false);
                        probe((float[])a.Clone(), x, (float[])b.Clone());
                        // Counted only where the probe saw an intermediate past the range and the float gradient is not
                        // finite (the 0 x infinity case); a finite gradient is judged there as anywhere.
                        bool pastRange = (bool)past.GetValue(null)! && actual.Any(v => !float.IsFinite(v));
                        switch (SinglePrecisionTwins.Judge(EvaluateLoop(twin, inputs, wide), SinglePrecisionTwins.Neighbours(inputs).Select(moved => EvaluateLoop(twin, moved, wide)), actual, floatValue, pastRange, out string? failure))
                        {
                            case SinglePrecisionTwins.Outcome.Mismatch:
                                throw new InvalidOperationException($"S{i} at a = {{{Join(a)}}}, x = {x.ToString("R", CultureInfo.InvariantCulture)}, b = {{{Join(b)}}} (partials by a, then x): {failure}\n{SinglePrecisionTwins.InSingle(programs[i].Render("S" + i))}");
                            case SinglePrecisionTwins.Outcome.Agrees:
                                Interlocked.Increment(ref judged);
                                break;
                            case SinglePrecisionTwins.Outcome.OutOfRange:
                                Interlocked.Increment(ref outOfRange);
                                break;
                        }
                    }
                }
            },
            iter: LoopProgramBatches,
            threads: 2,
            print: programs => $"a batch of {programs.Length} programs (the exception names the failing program and point)");

        output.WriteLine($"{programCount} programs, {judged} of {points} points judged ({outOfRange} of the others past float's range: the value is not finite, or an intermediate and the gradient are not), {vectorLoops} float vector loops generated");
        Assert.True(programCount >= LoopProgramsPerBatch * LoopProgramBatches, $"only {programCount} programs");
        Assert.True(vectorLoops > 0, "no float vector loop was generated");
        Assert.True(judged >= points * 0.85, $"only {judged} of {points} points could be judged");
        Assert.True(outOfRange <= points * 0.02, $"{outOfRange} of {points} points are past float's range");
    }

    /// <summary>The <c>double</c> loop gradient's value and partials (by a, then x) at <paramref name="inputs"/> (a, then x).</summary>
    private static double[] EvaluateLoop(DoubleLoopGradient twin, double[] inputs, double[] b)
    {
        double[] a = inputs[..^1];
        double[] da = new double[a.Length];
        double value = twin(a, inputs[^1], (double[])b.Clone(), da, out double dx);
        return new[] { value }.Concat(da).Append(dx).ToArray();
    }

    /// <summary>The <c>double</c> gradient's value and partials (by a, x, b) at <paramref name="inputs"/> (a, x, b laid end to end; b has n elements).</summary>
    private static double[] Evaluate(DoubleGradient twin, double[] inputs, int n)
    {
        double[] a = inputs[..(3 * n)], b = inputs[(3 * n + 1)..];
        double[] da = new double[a.Length], db = new double[b.Length];
        double value = twin(a, inputs[3 * n], b, da, out double dx, db);
        return new[] { value }.Concat(da).Append(dx).Concat(db).ToArray();
    }

    private static float[] Draw(Random random, int length) => Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();

    private static string Join(float[] values) => string.Join(", ", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
