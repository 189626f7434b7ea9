using System;
using System.IO;
using System.Linq;
using SymGrad.Models.AdBench;
using Xunit;
using Xunit.Abstractions;

namespace SymGrad.Consumer.Tests;

/// <summary>
/// ADBench's bundle adjustment (samples/SymGrad.Models/AdBench/BaObjective.cs): the residuals against
/// golden/ba/test_F_Manual.txt, the sparse Jacobian assembled from the generated
/// <c>ReprojectionResidualJacobian</c> and <c>WeightResidualJacobian</c> blocks against
/// golden/ba/test_J_Manual.txt (same row starts and columns; every value within ADBench's
/// rho = |x - y| / max(1, |x| + |y|) &lt;= 1e-8), and each block against central differences.
/// </summary>
public class AdBenchBundleAdjustmentTests
{
    private const int Columns = BaSparseJacobian.ReprojectionRowLength;

    private readonly ITestOutputHelper output;

    public AdBenchBundleAdjustmentTests(ITestOutputHelper output) => this.output = output;

    private static string AdBench(params string[] parts)
    {
        string data = Path.GetDirectoryName(SharedData.PathOf("iris.csv"))!;
        return Path.Combine(new[] { Path.GetDirectoryName(data)!, "adbench" }.Concat(parts).ToArray());
    }

    private static BaInput TestInput() => BaInput.Read(AdBench("ba", "test.txt"));

    [Fact]
    public void ReaderReplicatesTheOneCameraPointWeightAndFeatureAsAdBenchDoes()
    {
        BaInput ba = TestInput();

        Assert.Equal((2, 10, 10), (ba.N, ba.M, ba.P));
        Assert.Equal(ba.Cameras.AsSpan(0, 11).ToArray(), ba.Cameras.AsSpan(11, 11).ToArray());
        Assert.Equal(90.859550, ba.Cameras[3]);
        Assert.Equal(new[] { 4.173048, 5.586898, 1.403869 }, ba.Points.AsSpan(27, 3).ToArray());
        Assert.All(ba.Weights, w => Assert.Equal(0.417022, w));
        Assert.Equal(new[] { -525.672849, 161.811929 }, ba.Features.AsSpan(18, 2).ToArray());
        Assert.Equal(new[] { 1, 7 }, ba.Observations.AsSpan(14, 2).ToArray());
        Assert.Equal((30, 62), (ba.ResidualCount, ba.ParameterCount));
    }

    [Fact]
    public void ResidualsMatchAdBench()
    {
        BaInput ba = TestInput();
        BaGoldenResiduals golden = BaGoldenResiduals.Read(AdBench("golden", "ba", "test_F_Manual.txt"));
        var reprojection = new double[2 * ba.P];
        var weight = new double[ba.P];

        ba.Objective(reprojection, weight);

        double rho = Math.Max(Rho.Max(reprojection, golden.ReprojectionErrors), Rho.Max(weight, golden.WeightErrors));
        output.WriteLine($"test: {reprojection.Length} + {weight.Length} residuals, max rho {rho:E2}");
        Assert.True(rho <= Rho.AdBenchTolerance, $"max rho {rho:E2}");
    }

    [Fact]
    public void AssembledJacobianMatchesAdBenchsSparseJacobian()
    {
        BaInput ba = TestInput();
        BaSparseJacobian golden = BaSparseJacobian.Read(AdBench("golden", "ba", "test_J_Manual.txt"));
        var jacobian = new BaSparseJacobian(ba);
        var reprojection = new double[2 * ba.P];
        var weight = new double[ba.P];

        jacobian.Assemble(ba, reprojection, weight);

        Assert.Equal((golden.RowCount, golden.ColumnCount), (jacobian.RowCount, jacobian.ColumnCount));
        Assert.Equal(golden.RowStarts, jacobian.RowStarts);
        Assert.Equal(golden.Columns, jacobian.Columns);
        double rho = Rho.Max(jacobian.Values, golden.Values);
        double relative = jacobian.Values.Zip(golden.Values, (x, y) => x == y ? 0.0 : Math.Abs(x - y) / Math.Max(Math.Abs(x), Math.Abs(y))).Max();
        output.WriteLine($"test: {jacobian.Values.Length} non-zeros, max rho {rho:E2}, max relative error {relative:E2}");
        Assert.True(rho <= Rho.AdBenchTolerance, $"max rho {rho:E2}");

        // Assembling writes the residuals exactly as the objective does.
        var expectedReprojection = new double[2 * ba.P];
        var expectedWeight = new double[ba.P];
        ba.Objective(expectedReprojection, expectedWeight);
        Assert.Equal(expectedReprojection, reprojection);
        Assert.Equal(expectedWeight, weight);
    }

    public static TheoryData<string, double[], double[], double> Points() => new()
    {
        // ADBench's test camera and point.
        { "test", new[] { 1.797201, 0.590697, -0.635786, 90.859550, 29.361415, 28.777534, 211.628116, -0.284531, -14.762924, 0.058931, 0.069976 }, new[] { 4.173048, 5.586898, 1.403869 }, 0.417022 },
        // A small rotation, unit-scale values and a negative weight.
        { "small rotation", new[] { 0.01, -0.02, 0.015, 0.3, -0.2, -5.0, 1.5, 0.1, -0.1, 0.02, -0.01 }, new[] { 0.4, 0.7, 2.0 }, -1.3 },
        // A rotation vector of exactly zero: ba.h's first-order branch R X = X + r x X.
        { "zero rotation", new[] { 0.0, 0.0, 0.0, 0.3, -0.2, -5.0, 1.5, 0.1, -0.1, 0.02, -0.01 }, new[] { 0.4, 0.7, 2.0 }, 0.8 },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void ReprojectionBlockEqualsCentralDifferences(string name, double[] camera, double[] point, double weight)
    {
        double[] feature = { -525.672849, 161.811929 };
        var error = new double[2];
        var block = new double[2 * Columns];

        BaObjective.ReprojectionResidualJacobian(camera, point, weight, feature, error, block);

        var expected = new double[2];
        BaObjective.ReprojectionResidual(camera, point, weight, feature, expected);
        Assert.Equal(expected, error);
        double[] inputs = camera.Concat(point).Append(weight).ToArray();
        for (int k = 0; k < Columns; k++)
        {
            double step = 1e-6 * Math.Max(1.0, Math.Abs(inputs[k]));
            double[] up = Residual(inputs, k, step, feature);
            double[] down = Residual(inputs, k, -step, feature);
            for (int row = 0; row < 2; row++)
            {
                double central = (up[row] - down[row]) / (2 * step);
                double generated = block[row * Columns + k];
                Assert.True(
                    Math.Abs(generated - central) <= 1e-6 * (1 + Math.Abs(central)),
                    $"{name}: d error[{row}] / d input[{k}] = {generated:R}, central differences {central:R}");
            }
        }
    }

    [Theory]
    [InlineData(0.417022)]
    [InlineData(-2.5)]
    [InlineData(0.0)]
    public void WeightBlockEqualsCentralDifferences(double weight)
    {
        var error = new double[1];
        var block = new double[1];

        BaObjective.WeightResidualJacobian(weight, error, block);

        const double Step = 1e-6;
        var up = new double[1];
        var down = new double[1];
        BaObjective.WeightResidual(weight + Step, up);
        BaObjective.WeightResidual(weight - Step, down);
        Assert.Equal(1.0 - weight * weight, error[0]);
        Assert.Equal((up[0] - down[0]) / (2 * Step), block[0], 8);
    }

    [Fact]
    public void UnreadableFilesAreReportedByName()
    {
        string path = Path.Combine(Path.GetTempPath(), $"symgrad-ba-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(path, "2 10 10\n1.0 2.0 three");
            InvalidDataException notANumber = Assert.Throws<InvalidDataException>(() => BaInput.Read(path));
            Assert.Contains(path, notANumber.Message);

            File.WriteAllText(path, "2 10 10\n1.0 2.0");
            InvalidDataException tooShort = Assert.Throws<InvalidDataException>(() => BaInput.Read(path));
            Assert.Contains(path, tooShort.Message);

            File.WriteAllText(path, "0 10 10\n");
            InvalidDataException noCameras = Assert.Throws<InvalidDataException>(() => BaInput.Read(path));
            Assert.Contains("n = 0", noCameras.Message);

            File.WriteAllText(path, "Reprojection error:\n1.0\nnot a number\n");
            InvalidDataException golden = Assert.Throws<InvalidDataException>(() => BaGoldenResiduals.Read(path));
            Assert.Contains("line 3", golden.Message);

            File.WriteAllText(path, "3 4\n3\n0 1 2\n2\n0 1\n1.0 2.0\n");
            InvalidDataException rows = Assert.Throws<InvalidDataException>(() => BaSparseJacobian.Read(path));
            Assert.Contains("3 rows need 4 row starts", rows.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AssemblyRejectsResidualBuffersOfTheWrongLength()
    {
        BaInput ba = TestInput();
        var jacobian = new BaSparseJacobian(ba);

        Assert.Throws<ArgumentException>(() => jacobian.Assemble(ba, new double[2 * ba.P - 1], new double[ba.P]));
    }

    /// <summary>Both reprojection residuals with input <paramref name="k"/> (camera, point, weight in one vector) moved by <paramref name="step"/>.</summary>
    private static double[] Residual(double[] inputs, int k, double step, double[] feature)
    {
        double[] moved = (double[])inputs.Clone();
        moved[k] += step;
        var error = new double[2];
        BaObjective.ReprojectionResidual(moved.AsSpan(0, 11), moved.AsSpan(11, 3), moved[14], feature, error);
        return error;
    }
}
