using System;
using System.Collections.Generic;
using SymGrad.Optimizers;
using Xunit;

namespace SymGrad.Runtime.Tests.Optimizers
{
    public class OptimizerValidationTests
    {
        public static IEnumerable<object[]> All()
        {
            yield return new object[] { new Sgd(0.1, momentum: 0.9) };
            yield return new object[] { new AdaGrad(0.1) };
            yield return new object[] { new RmsProp(0.1, momentum: 0.9) };
            yield return new object[] { new Adam(0.1) };
            yield return new object[] { new AdamW(0.1) };
        }

        [Theory]
        [MemberData(nameof(All))]
        public void NonFiniteGradientNeverTouchesParametersOrState(IStatefulOptimizer optimizer)
        {
            double[] p = { 1.0, 2.0, 3.0 };
            optimizer.Step(p, new[] { 0.1, 0.2, 0.3 });
            double[] before = (double[])p.Clone();
            long steps = optimizer.SaveState().StepCount;
            var ex = Assert.Throws<ArgumentException>("gradient", () => optimizer.Step(p, new[] { 0.1, double.NaN, 0.3 }));
            Assert.Contains("gradient[1]", ex.Message);
            Assert.Throws<ArgumentException>("gradient", () => optimizer.Step(p, new[] { double.PositiveInfinity, 0.0, 0.3 }));
            Assert.Equal(before, p);
            Assert.Equal(steps, optimizer.SaveState().StepCount);
        }

        [Theory]
        [MemberData(nameof(All))]
        public void WrongLengthsAreRejected(IOptimizer optimizer)
        {
            Assert.Throws<ArgumentException>("gradient", () => optimizer.Step(new double[3], new double[2]));
            optimizer.Step(new double[3], new double[3]);
            Assert.Throws<ArgumentException>("parameters", () => optimizer.Step(new double[4], new double[4]));
        }

        [Theory]
        [MemberData(nameof(All))]
        public void NaNLearningRateIsRejected(IOptimizer optimizer)
        {
            Assert.Throws<ArgumentOutOfRangeException>("value", () => optimizer.LearningRate = double.NaN);
            Assert.Throws<ArgumentOutOfRangeException>("value", () => optimizer.LearningRate = -1.0);
        }

        [Fact]
        public void ConstructorsRejectBadHyperParameters()
        {
            Assert.Throws<ArgumentOutOfRangeException>("learningRate", () => new Sgd(double.NaN));
            Assert.Throws<ArgumentException>("nesterov", () => new Sgd(0.1, nesterov: true));
            Assert.Throws<ArgumentException>("nesterov", () => new Sgd(0.1, momentum: 0.9, dampening: 0.1, nesterov: true));
            Assert.Throws<ArgumentOutOfRangeException>("beta1", () => new Adam(0.1, beta1: 1.0));
            Assert.Throws<ArgumentOutOfRangeException>("beta2", () => new AdamW(0.1, beta2: -0.1));
            Assert.Throws<ArgumentOutOfRangeException>("alpha", () => new RmsProp(0.1, alpha: double.NaN));
            Assert.Throws<ArgumentOutOfRangeException>("epsilon", () => new AdaGrad(0.1, epsilon: -1));
            Assert.Throws<ArgumentOutOfRangeException>("weightDecay", () => new Adam(0.1, weightDecay: double.PositiveInfinity));
        }
    }
}
