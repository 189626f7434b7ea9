using System;
using SymGrad.Optimizers;
using Xunit;

namespace SymGrad.Runtime.Tests.Optimizers
{
    /// <summary>
    /// Three steps of every optimizer from p0 = (1, -2, 0.5) with the fixed gradients below. The expected values were worked
    /// out from the published torch.optim update rules (the pseudo-code in the PyTorch docs) with an independent plain-Python
    /// script, and the first step of each case by hand as noted in the comments; they are not produced by this library.
    /// </summary>
    public class OptimizerFirstStepsTests
    {
        private static readonly double[][] Gradients =
        {
            new[] { 0.5, -1.0, 2.0 },
            new[] { -0.25, 0.5, 1.0 },
            new[] { 1.0, 0.0, -0.5 },
        };

        private static void AssertTrajectory(IOptimizer optimizer, double[][] expected)
        {
            double[] p = { 1.0, -2.0, 0.5 };
            for (int step = 0; step < expected.Length; step++)
            {
                optimizer.Step(p, Gradients[step]);
                for (int i = 0; i < p.Length; i++)
                {
                    Assert.True(Math.Abs(expected[step][i] - p[i]) <= 1e-13, $"step {step + 1}, p[{i}]: expected {expected[step][i]:R}, got {p[i]:R}");
                }
            }
        }

        [Fact]
        public void SgdPlain()
        {
            // p - 0.1 g: (1 - 0.05, -2 + 0.1, 0.5 - 0.2).
            AssertTrajectory(new Sgd(0.1), new[]
            {
                new[] { 0.95, -1.9, 0.3 },
                new[] { 0.975, -1.95, 0.2 },
                new[] { 0.875, -1.95, 0.25 },
            });
        }

        [Fact]
        public void SgdMomentumDampeningWeightDecay()
        {
            // Step 1: g' = g + 0.01 p = (0.51, -1.02, 2.005); the buffer starts as g' (no dampening on the first step);
            // p = p - 0.1 g' = (0.949, -1.898, 0.2995). Step 2: b = 0.9 b + 0.9 g'.
            AssertTrajectory(new Sgd(0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01), new[]
            {
                new[] { 0.949, -1.898, 0.2995 },
                new[] { 0.9247459, -1.8494918, 0.028780449999999957 },
                new[] { 0.81208493869, -1.8041698773800001, -0.16989304740500008 },
            });
        }

        [Fact]
        public void SgdNesterovWeightDecay()
        {
            // Step 1: g' = g + 0.1 p = (0.6, -1.2, 2.05); b = g'; d = g' + 0.9 b = 1.9 g' = (1.14, -2.28, 3.895);
            // p = p - 0.1 d = (0.886, -1.772, 0.1105).
            AssertTrajectory(new Sgd(0.1, momentum: 0.9, weightDecay: 0.1, nesterov: true), new[]
            {
                new[] { 0.886, -1.772, 0.11050000000000004 },
                new[] { 0.868066, -1.736132, -0.24764949999999997 },
                new[] { 0.6309061460000001, -1.641812292, -0.37928420949999997 },
            });
        }

        [Fact]
        public void AdaGradLearningRateDecayWeightDecay()
        {
            // Step 1: g' = (0.6, -1.2, 2.05); sum = g'^2; p - 0.1 g' / (|g'| + 1e-10), i.e. about p - 0.1 sign(g').
            // Step t uses clr = 0.1 / (1 + (t - 1) * 0.01).
            AssertTrajectory(new AdaGrad(0.1, learningRateDecay: 0.01, weightDecay: 0.1), new[]
            {
                new[] { 0.9000000000166667, -1.9000000000083332, 0.40000000000487806 },
                new[] { 0.9255111535331353, -1.924764557687642, 0.35520531865626315 },
                new[] { 0.8402769939254848, -1.9097195379317424, 0.3746227275138243 },
            });
        }

        [Fact]
        public void RmsPropDefaults()
        {
            // Step 1: v = 0.01 g^2, sqrt(v) = 0.1 |g|; p - 0.01 g / (0.1 |g| + 1e-8), about p - 0.1 sign(g).
            AssertTrajectory(new RmsProp(0.01), new[]
            {
                new[] { 0.900000019999996, -1.900000009999999, 0.40000000499999977 },
                new[] { 0.9449013374421751, -1.944901331474435, 0.355098681509435 },
                new[] { 0.8574273783928595, -1.944901331474435, 0.377109100098154 },
            });
        }

        [Fact]
        public void RmsPropCenteredMomentumWeightDecay()
        {
            // Step 1 (alpha 0.9): g' = (0.6, -1.2, 2.05); v = 0.1 g'^2; m = 0.1 g'; avg = sqrt(0.1 g'^2 - 0.01 g'^2) + eps = 0.3 |g'| + eps;
            // b = g' / avg, about sign(g') / 0.3; p - 0.01 b = (1 - 1/30, -2 + 1/30, 0.5 - 1/30).
            AssertTrajectory(new RmsProp(0.01, alpha: 0.9, weightDecay: 0.1, momentum: 0.9, centered: true), new[]
            {
                new[] { 0.9666666685185185, -1.9666666675925926, 0.46666666720867206 },
                new[] { 0.9450748414060234, -1.9449914296078084, 0.42020278004979056 },
                new[] { 0.895316610356849, -1.91988579120495, 0.38550322933587383 },
            });
        }

        [Fact]
        public void AdamDefaults()
        {
            // Step 1: bias-corrected m = g and v = g^2, so p - 0.1 g / (|g| + 1e-8), about p - 0.1 sign(g).
            AssertTrajectory(new Adam(0.1), new[]
            {
                new[] { 0.900000002, -1.900000001, 0.4000000005 },
                new[] { 0.8733662987078463, -1.873366297370903, 0.30678203720851044 },
                new[] { 0.8075551396770898, -1.8527783673314504, 0.25041589998043867 },
            });
        }

        [Fact]
        public void AdamAmsGradCoupledWeightDecay()
        {
            // beta2 = 0.5 makes v shrink on step 2 for p[0] (0.125 -> 0.0625), so AMSGrad's running maximum is what is used.
            AssertTrajectory(new Adam(0.1, beta2: 0.5, weightDecay: 0.1, amsgrad: true), new[]
            {
                new[] { 0.9000000016666666, -1.9000000008333333, 0.4000000004878049 },
                new[] { 0.859175173435708, -1.8586380034013779, 0.3092839816709956 },
                new[] { 0.7976141285629844, -1.8228868498564512, 0.2586256571507827 },
            });
        }

        [Fact]
        public void AdamWDefaultsDecoupleWeightDecay()
        {
            // Step 1: p * (1 - 0.1 * 0.01) = p * 0.999, then the Adam step of about -0.1 sign(g): (0.999 - 0.1, -1.998 + 0.1, 0.4995 - 0.1).
            AssertTrajectory(new AdamW(0.1), new[]
            {
                new[] { 0.899000002, -1.898000001, 0.3995000005 },
                new[] { 0.8714672987058463, -1.869468297369903, 0.30588253720801045 },
                new[] { 0.804784672376384, -1.8470108990330805, 0.24921051744273068 },
            });
        }

        [Fact]
        public void AdamWAmsGrad()
        {
            // Step 1: p * (1 - 0.01) then about -0.1 sign(g): (0.99 - 0.1, -1.98 + 0.1, 0.495 - 0.1).
            AssertTrajectory(new AdamW(0.1, beta2: 0.5, weightDecay: 0.1, amsgrad: true), new[]
            {
                new[] { 0.890000002, -1.880000001, 0.3950000005 },
                new[] { 0.8553159000559665, -1.8354158987501772, 0.30080564210298816 },
                new[] { 0.791685433427382, -1.7994884840544974, 0.24849484017457385 },
            });
        }

        [Fact]
        public void DefaultsMatchTorch()
        {
            var sgd = new Sgd(0.1);
            Assert.Equal((0.0, 0.0, 0.0, false), (sgd.Momentum, sgd.Dampening, sgd.WeightDecay, sgd.Nesterov));
            var adagrad = new AdaGrad(0.01);
            Assert.Equal((0.0, 0.0, 1e-10, 0.0), (adagrad.LearningRateDecay, adagrad.WeightDecay, adagrad.Epsilon, adagrad.InitialAccumulatorValue));
            var rms = new RmsProp(0.01);
            Assert.Equal((0.99, 1e-8, 0.0, 0.0, false), (rms.Alpha, rms.Epsilon, rms.WeightDecay, rms.Momentum, rms.Centered));
            var adam = new Adam(0.001);
            Assert.Equal((0.9, 0.999, 1e-8, 0.0, false), (adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay, adam.AmsGrad));
            var adamw = new AdamW(0.001);
            Assert.Equal((0.9, 0.999, 1e-8, 0.01, false), (adamw.Beta1, adamw.Beta2, adamw.Epsilon, adamw.WeightDecay, adamw.AmsGrad));
        }
    }
}
