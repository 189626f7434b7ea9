using System;
using System.Linq;
using SymGrad.Models;
using Xunit;

namespace SymGrad.Consumer.Tests;

/// <summary>
/// Generated gradients allocate nothing per call once warm: tapes, adjoint buffers and the model's own
/// top-level local arrays come from ScratchPool; stackalloc scratch and caller buffers are free already.
/// </summary>
public class AllocationTests
{
    private static long AllocatedBy(Action call)
    {
        call();
        call();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            call();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void SteadyStateGradientCallsAllocateNothing()
    {
        int m = 20, n = 5, k = 3, h = 4;
        var random = new Random(1);
        double[] x = Enumerable.Range(0, m * n).Select(_ => random.NextDouble()).ToArray();
        double[] t = Enumerable.Range(0, m).Select(i => (double)(i % 2)).ToArray();
        int[] y = Enumerable.Range(0, m).Select(i => i % k).ToArray();
        double[] w = new double[LogisticRegression.ParameterCount(n)];
        double[] dw = new double[w.Length];
        double[] ws = new double[SoftmaxRegression.ParameterCount(n, k)];
        double[] dws = new double[ws.Length];
        double[] p = TwoLayerNetwork.InitialParameters(n, h, k, seed: 2);
        double[] dp = new double[p.Length];
        double[] c = Enumerable.Range(0, 8).Select(i => 0.1 * i).ToArray();
        double[] dc = new double[c.Length];
        double[] v = StudentTRegression.InitialParameters(t, n);
        double[] dv = new double[v.Length];

        Assert.Equal(0, AllocatedBy(() => LogisticRegression.LossGradient(w, x, t, n, dw)));
        Assert.Equal(0, AllocatedBy(() => SoftmaxRegression.LossGradient(ws, x, y, n, k, dws)));
        Assert.Equal(0, AllocatedBy(() => TwoLayerNetwork.MulticlassLossGradient(p, x, y, n, h, k, dp)));

        // Calls: a fused loop calling a [Differentiable(Tangent = true, Hessian = true)] method, and custom derivatives with span outputs (pooled scratch).
        double[] cw = { 0.4, -0.7, 1.1, 0.25 };
        var dcw = new double[cw.Length];
        Assert.Equal(0, AllocatedBy(() => Composition.CallModels.LayerSumGradient(cw, 0.8, dcw, out _)));
        Assert.Equal(0, AllocatedBy(() => Composition.CustomDerivativeModels.ArrayParameterGradient(cw, cw, 0.7, dcw, out _)));
        Assert.Equal(0, AllocatedBy(() => LoopModels.HornerGradient(0.5, c, out _, dc)));
        Assert.Equal(0, AllocatedBy(() => LoopModels.RecurrenceGradient(0.5, c, out _, dc)));

        // Through a [DerivativeOf] derivative (SpecialFunctions.LogGammaGradient), in the gradient and the pullback.
        Assert.Equal(0, AllocatedBy(() => StudentTRegression.NegativeLogLikelihoodGradient(v, x, t, n, dv)));
        Assert.Equal(0, AllocatedBy(() => StudentTRegression.NegativeLogLikelihoodPullback(v, x, t, n, 0.5, dv)));
    }

    [Fact]
    public void AModelsOwnLocalArraysComeFromThePool()
    {
        // PrefixSums allocates a local double[]; its derivative methods take it from ScratchPool (issue 12).
        double[] a = Enumerable.Range(0, 16).Select(i => 0.1 * i).ToArray();
        double[] da = new double[a.Length];
        double[] ta = Enumerable.Range(0, 16).Select(i => 0.05 * i).ToArray();
        Assert.True(AllocatedBy(() => LoopModels.PrefixSums(a)) > 0);
        Assert.Equal(0, AllocatedBy(() => LoopModels.PrefixSumsGradient(a, da)));
        Assert.Equal(0, AllocatedBy(() => LoopModels.PrefixSumsPullback(a, 0.5, da)));
        Assert.Equal(0, AllocatedBy(() => LoopModels.PrefixSumsTangent(a, ta, out _)));
        Assert.Equal(0, AllocatedBy(() => LoopModels.PrefixSumsHessianVectorProduct(a, ta, da)));
    }

    [Fact]
    public void LoopsThatStopEarlyAllocateNothing()
    {
        double[] a = Enumerable.Range(0, 16).Select(i => 0.3 * Math.Sin(i)).ToArray();
        double[] da = new double[a.Length];

        // Fused: no tape at all, whatever stops the loop.
        Assert.Equal(0, AllocatedBy(() => LoopExitModels.SumOfPositiveLogsGradient(a, 0.5, da, out _)));
        Assert.Equal(0, AllocatedBy(() => LoopExitModels.GrowWhileSmallGradient(a, 0.5, da, out _)));
        Assert.Equal(0, AllocatedBy(() => LoopExitModels.PowersOfTwoGradient(a, da)));
        Assert.Equal(0, AllocatedBy(() => LoopExitModels.StridedSquaresGradient(a, da)));

        // Taped: the tape and the recorded stops come from the pool.
        Assert.Equal(0, AllocatedBy(() => LoopExitModels.NewtonSqrtGradient(2.0, 0.5, out _, out _)));
        Assert.Equal(0, AllocatedBy(() => LoopExitModels.EarlyStoppedRecurrenceGradient(0.9, a, out _, da)));
        Assert.Equal(0, AllocatedBy(() => LoopExitModels.ReturnFromInnerGradient(a, 0.4, da, out _)));
        Assert.Equal(0, AllocatedBy(() => LoopExitModels.EveryThirdFromEndGradient(a, 0.4, da, out _)));
    }
}
