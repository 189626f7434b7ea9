using System;
using System.Collections.Generic;
using SymGrad.Optimizers;
using Xunit;

namespace SymGrad.Runtime.Tests.Optimizers
{
    public class OptimizerStateTests
    {
        public static IEnumerable<object[]> Factories()
        {
            yield return new object[] { "sgd-nesterov", (Func<IStatefulOptimizer>)(() => new Sgd(0.05, momentum: 0.9, nesterov: true)) };
            yield return new object[] { "adagrad", (Func<IStatefulOptimizer>)(() => new AdaGrad(0.1, learningRateDecay: 0.01, initialAccumulatorValue: 0.1)) };
            yield return new object[] { "rmsprop-centered", (Func<IStatefulOptimizer>)(() => new RmsProp(0.01, momentum: 0.5, centered: true)) };
            yield return new object[] { "adam-amsgrad", (Func<IStatefulOptimizer>)(() => new Adam(0.01, amsgrad: true)) };
            yield return new object[] { "adamw", (Func<IStatefulOptimizer>)(() => new AdamW(0.01)) };
        }

        private static double[] Gradient(double[] p, int step)
        {
            // Gradient of sum((p_i - i)^2) plus a step-dependent wobble, so every buffer changes.
            var g = new double[p.Length];
            for (int i = 0; i < p.Length; i++)
            {
                g[i] = (2 * (p[i] - i)) + Math.Sin(step + i);
            }

            return g;
        }

        [Theory]
        [MemberData(nameof(Factories))]
        public void RestoredOptimizerContinuesBitForBit(string name, Func<IStatefulOptimizer> create)
        {
            IStatefulOptimizer original = create();
            double[] p = { 0.3, -1.2, 2.5, 0.0 };
            for (int s = 0; s < 5; s++)
            {
                original.Step(p, Gradient(p, s));
            }

            OptimizerState state = original.SaveState();
            double[] saved = (double[])p.Clone();
            IStatefulOptimizer restored = create();
            restored.LoadState(state);

            double[] q = (double[])saved.Clone();
            for (int s = 5; s < 12; s++)
            {
                original.Step(p, Gradient(p, s));
                restored.Step(q, Gradient(q, s));
            }

            for (int i = 0; i < p.Length; i++)
            {
                Assert.True(BitConverter.DoubleToInt64Bits(p[i]) == BitConverter.DoubleToInt64Bits(q[i]), $"{name}: p[{i}] {p[i]:R} vs {q[i]:R}");
            }

            Assert.Equal(5, state.StepCount);
        }

        [Fact]
        public void SavedStateIsASnapshot()
        {
            var adam = new Adam(0.1);
            double[] p = { 1.0, 2.0 };
            adam.Step(p, new[] { 1.0, 1.0 });
            OptimizerState state = adam.SaveState();
            double before = state.GetBuffer("exp_avg")[0];
            adam.Step(p, new[] { 5.0, 5.0 });
            Assert.Equal(before, state.GetBuffer("exp_avg")[0]);
            Assert.Equal(new[] { "exp_avg", "exp_avg_sq" }, state.BufferNames);
            Assert.Equal(0.1, state.LearningRate);
        }

        [Fact]
        public void LearningRateIsPartOfTheState()
        {
            var sgd = new Sgd(0.1, momentum: 0.9);
            sgd.Step(new double[] { 1.0 }, new[] { 1.0 });
            sgd.LearningRate = 0.02;
            var other = new Sgd(0.5, momentum: 0.9);
            other.LoadState(sgd.SaveState());
            Assert.Equal(0.02, other.LearningRate);
        }

        [Fact]
        public void MismatchedStatesAreRejected()
        {
            var adam = new Adam(0.1);
            adam.Step(new double[] { 1.0 }, new[] { 1.0 });
            Assert.Throws<ArgumentException>("state", () => new AdamW(0.1).LoadState(adam.SaveState()));
            Assert.Throws<ArgumentException>("state", () => new Adam(0.1, amsgrad: true).LoadState(adam.SaveState()));
            var broken = new OptimizerState("Adam", 1, 0.1, new[]
            {
                new KeyValuePair<string, double[]>("exp_avg", new double[2]),
                new KeyValuePair<string, double[]>("exp_avg_sq", new double[3]),
            });
            Assert.Throws<ArgumentException>("state", () => new Adam(0.1).LoadState(broken));
        }
    }
}
