using System;
using System.Linq;
using Xunit;

namespace SymGrad.Consumer.Tests.SecondOrder;

/// <summary>
/// Vector-valued methods: <c>FJacobian</c> against central differences column by column, in both of
/// its modes; <c>FPullback</c> adds <c>Jᵀ seed</c> to what its outputs held; <c>FTangent</c> is
/// <c>J t</c>; every method writes the output exactly as the source method does.
/// </summary>
public sealed class VectorTests
{
    private delegate void Vector(double[] inputs, Span<double> output);

    private static readonly double[] X = { -0.5, 0.1, 0.4, 0.9, 1.3 };

    public static TheoryData<string> Models() => new() { "Exponential", "TwoFromMany", "Softmax", "Helix", "TapedRecurrence", "OverwrittenOutput", "BranchRotation", "EarlyExit", "EarlyExitTaken" };

    [Theory]
    [MemberData(nameof(Models))]
    public void JacobianEqualsCentralDifferencesColumnByColumn(string name)
    {
        (double[] point, int m, Vector f, Action<double[], Span<double>, Span<double>> jacobian) = Case(name);
        int n = point.Length;
        var output = new double[m];
        var j = new double[m * n];
        jacobian(point, output, j);

        var expectedOutput = new double[m];
        f(point, expectedOutput);
        Assert.Equal(expectedOutput, output);
        const double Step = 1e-6;
        for (int k = 0; k < n; k++)
        {
            double[] plus = (double[])point.Clone(), minus = (double[])point.Clone();
            plus[k] += Step;
            minus[k] -= Step;
            var up = new double[m];
            var down = new double[m];
            f(plus, up);
            f(minus, down);
            for (int i = 0; i < m; i++)
            {
                double central = (up[i] - down[i]) / (2 * Step);
                Assert.True(Math.Abs(j[i * n + k] - central) <= 1e-6 * (1 + Math.Abs(central)), $"{name}: J[{i},{k}] = {j[i * n + k]:R}, central differences {central:R}");
            }
        }
    }

    [Fact]
    public void PullbackAddsJacobianTransposedTimesTheSeedAndWritesTheOutput()
    {
        double[] w = { 0.3, -0.8, 1.1, 0.45 };
        double[] seed = { 0.7, -1.9 };
        var output = new double[2];
        var dw = Enumerable.Repeat(0.5, w.Length).ToArray();
        double dScale = 0.25;
        VectorModels.TwoFromManyPullback(1.7, w, output, seed, ref dScale, dw);

        var expectedOutput = new double[2];
        VectorModels.TwoFromMany(1.7, w, expectedOutput);
        Assert.Equal(expectedOutput, output);
        var j = new double[2 * 5];
        VectorModels.TwoFromManyJacobian(1.7, w, new double[2], j);
        Assert.Equal(0.25 + seed[0] * j[0] + seed[1] * j[5], dScale, 12);
        for (int k = 0; k < w.Length; k++)
        {
            Assert.Equal(0.5 + seed[0] * j[1 + k] + seed[1] * j[6 + k], dw[k], 12);
        }
    }

    [Fact]
    public void TangentIsTheJacobianTimesTheDirection()
    {
        double[] z = { 0.2, -1.0, 0.7 };
        double[] t = { 0.4, 0.1, -0.3 };
        var output = new double[3];
        var tangent = new double[3];
        VectorModels.SoftmaxTangent(z, output, t, tangent);
        var j = new double[9];
        VectorModels.SoftmaxJacobian(z, new double[3], j);
        for (int i = 0; i < 3; i++)
        {
            double expected = j[3 * i] * t[0] + j[3 * i + 1] * t[1] + j[3 * i + 2] * t[2];
            Assert.Equal(expected, tangent[i], 12);
        }

        var expectedOutput = new double[3];
        VectorModels.Softmax(z, expectedOutput);
        Assert.Equal(expectedOutput, output);
    }

    [Fact]
    public void WrongLengthsAndOverlapsAreRejected()
    {
        double[] p = { 0.1, 0.2, 0.3 };
        ArgumentException jacobian = Assert.Throws<ArgumentException>(() => VectorModels.ExponentialJacobian(p, X, new double[5], new double[14]));
        Assert.Contains("must have output.Length * n = 15", jacobian.Message);
        ArgumentException seed = Assert.Throws<ArgumentException>(() => VectorModels.ExponentialPullback(p, X, new double[5], new double[4], new double[3]));
        Assert.Contains("'seed' must have the length of 'output'", seed.Message);
        var shared = new double[15];
        Assert.Throws<ArgumentException>(() => VectorModels.ExponentialJacobian(p, X, shared.AsSpan(0, 5), shared));
    }

    [Fact]
    public void ScalarMethodsCallVectorValuedOnes()
    {
        double[] z = { 0.3, -0.6, 1.2, 0.05 };
        double[] target = { 0.1, 0.2, 0.6, 0.1 };
        var dz = new double[z.Length];
        double value = VectorModels.CrossEntropyOfSoftmaxGradient(z, target, dz);
        FiniteDifferences.CheckAt(q => VectorModels.CrossEntropyOfSoftmax(q, target), z, dz, value);
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(2.5)]
    public void ScalarMethodsCallVectorValuedOnesWithAnEarlyExit(double third)
    {
        double[] w = { 0.4, 1.1, third, 0.3 };
        var dw = new double[w.Length];
        double value = VectorModels.CallsEarlyExitGradient(w, dw);
        FiniteDifferences.CheckAt(VectorModels.CallsEarlyExit, w, dw, value);
        var tangentOutput = new double[3];
        var tangent = new double[3];
        double[] t = { 0.3, -0.7, 0.2, 1.1 };
        VectorModels.EarlyExitTangent(w, tangentOutput, t, tangent);
        var j = new double[12];
        VectorModels.EarlyExitJacobian(w, new double[3], j);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(j[4 * i] * t[0] + j[4 * i + 1] * t[1] + j[4 * i + 2] * t[2] + j[4 * i + 3] * t[3], tangent[i], 12);
        }
    }

    private static (double[] Point, int Outputs, Vector F, Action<double[], Span<double>, Span<double>> Jacobian) Case(string name) => name switch
    {
        "Exponential" => (new[] { 0.2, -0.4, 1.5 }, X.Length, (q, o) => VectorModels.Exponential(q, X, o), (q, o, j) => VectorModels.ExponentialJacobian(q, X, o, j)),
        "TwoFromMany" => (new[] { 1.7, 0.3, -0.8, 1.1, 0.45 }, 2, (q, o) => VectorModels.TwoFromMany(q[0], q[1..], o), (q, o, j) => VectorModels.TwoFromManyJacobian(q[0], q[1..], o, j)),
        "Softmax" => (new[] { 0.2, -1.0, 0.7 }, 3, (q, o) => VectorModels.Softmax(q, o), (q, o, j) => VectorModels.SoftmaxJacobian(q, o, j)),
        "TapedRecurrence" => (new[] { 0.4, -1.2, 0.9, 0.3, 1.6 }, 2, (q, o) => VectorModels.TapedRecurrence(q, o), (q, o, j) => VectorModels.TapedRecurrenceJacobian(q, o, j)),
        "OverwrittenOutput" => (new[] { 0.4, -0.2, 0.9, 0.3, 0.75 }, 3, (q, o) => VectorModels.OverwrittenOutput(q[..4], q[4], o), (q, o, j) => VectorModels.OverwrittenOutputJacobian(q[..4], q[4], o, j)),
        "BranchRotation" => (new[] { 0.3, -0.5, 1.2, 0.7, -0.4 }, 2, (q, o) => VectorModels.BranchRotation(q[..2], q[2..], o), (q, o, j) => VectorModels.BranchRotationJacobian(q[..2], q[2..], o, j)),
        "EarlyExit" => (new[] { 0.4, -1.2, 0.9, 0.3 }, 3, (q, o) => VectorModels.EarlyExit(q, o), (q, o, j) => VectorModels.EarlyExitJacobian(q, o, j)),
        "EarlyExitTaken" => (new[] { 0.4, 1.1, 2.5, 0.3 }, 3, (q, o) => VectorModels.EarlyExit(q, o), (q, o, j) => VectorModels.EarlyExitJacobian(q, o, j)),
        _ => (new[] { 0.8 }, 3, (q, o) => VectorModels.Helix(q[0], o), (q, o, j) => VectorModels.HelixJacobian(q[0], o, j)),
    };
}
